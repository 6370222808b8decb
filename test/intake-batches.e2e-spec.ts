import { BATCH_SIZE, type ImportReport } from '@rsa/intake';
import { buildHeader, generateHouseholds, writeVrsbFile, type GenHousehold, type GenPerson } from '@rsa/testing';
import { join } from 'node:path';
import { intakeTest } from './support/intake-context';

/**
 * One file is applied in batches of BATCH_SIZE households, inside one transaction. What a household
 * of a later batch finds must include what the earlier batches of the same file wrote: a person
 * already met in another dossier, a dossier sent twice (the last copy wins). These cases cross batch
 * boundaries on purpose.
 */
describe('CAF file intake across batches', () => {
  const t = intakeTest('rsa-intake-batches-');

  const HOUSEHOLDS = 2 * BATCH_SIZE + 200;
  const households: GenHousehold[] = [...generateHouseholds('batches', HOUSEHOLDS, { kind: 'monthly', referenceDate: '2026-10-15' })];
  const isApplicant = (p: GenPerson) => p.prestations[1].rolepers === 'DEM';
  const withNir = (h: GenHousehold) => h.persons.find((p) => isApplicant(p) && p.nir !== null && p.nir.length === 13);
  // Early in the first batch: a household whose applicant has a NIR, and a dossier sent again later.
  const early = households.slice(0, 50).find((h) => withNir(h) && h.persons.length >= 2) as GenHousehold;
  const twice = households.slice(50, 100).find((h) => h.etatdosrsa === '2') as GenHousehold;
  // In the third batch: a household the early applicant joins, and the second copy of the dossier.
  const joined = households[2 * BATCH_SIZE + 50];
  const secondCopy: GenHousehold = { ...twice, etatdosrsa: '4', suspensionsVersement: [{ motisusversrsa: '06', ddsusversrsa: '2026-10-01' }] };
  const mover = withNir(early) as GenPerson;
  const identity = (p: GenPerson) => ({
    qual: p.qual, nom: p.nom, nomnai: p.nomnai, prenom: p.prenom, prenom2: p.prenom2, prenom3: p.prenom3, nomcomnai: p.nomcomnai,
    dtnai: p.dtnai, rgnai: p.rgnai, typedtnai: p.typedtnai, nir: p.nir, topvaliec: p.topvaliec, sexe: p.sexe,
  });
  const joinedWithMover: GenHousehold = {
    ...joined,
    persons: [...joined.persons, { ...joined.persons[joined.persons.length - 1], ...identity(mover), prestations: [
      { natprest: 'PFA', rolepers: 'AUT', topchapers: false },
      { natprest: 'RSA', rolepers: 'AUT', topchapers: false },
    ] }],
  };

  const fileOf = (list: GenHousehold[]) => list.map((h) => (h === joined ? joinedWithMover : h));
  const write = (name: string, list: GenHousehold[], date: string, time = '01:00:00.0000') =>
    writeVrsbFile(join(t.dir, name), buildHeader('batches', 'monthly', '2026-10-15', { date, time }), list).then(() => join(t.dir, name));
  const numdemrsaCount = (list: GenHousehold[]) => new Set(list.map((h) => h.demandeRsa.numdemrsa)).size;
  let first: ImportReport;

  beforeAll(async () => {
    const list = [...fileOf(households), secondCopy];
    first = await t.importer.import({ path: await write('stock-1.xml', list, '2026-11-04'), channel: 'cli' });
  });

  it('picks households that really sit in different batches', () => {
    expect(early).toBeDefined();
    expect(twice).toBeDefined();
    expect(households.indexOf(early)).toBeLessThan(BATCH_SIZE);
    expect(households.indexOf(twice)).toBeLessThan(BATCH_SIZE);
    expect(households.indexOf(joined)).toBeGreaterThanOrEqual(2 * BATCH_SIZE);
    expect(first.status).toBe('imported');
  });

  it('links a person met in an earlier batch of the same file instead of creating them again', async () => {
    const members: { numdemrsa: string; role_rsa: string }[] = await t.sql.query(
      `SELECT d.numdemrsa, m.role_rsa FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id
        WHERE m.person_id = (SELECT m2.person_id FROM beneficiary_member m2 JOIN beneficiary_dossier d2 ON d2.id = m2.dossier_id WHERE d2.numdemrsa = $1 AND m2.role_rsa = 'DEM')
        ORDER BY m.role_rsa`,
      [early.demandeRsa.numdemrsa],
    );
    expect(members).toEqual([
      { numdemrsa: joined.demandeRsa.numdemrsa, role_rsa: 'AUT' },
      { numdemrsa: early.demandeRsa.numdemrsa, role_rsa: 'DEM' },
    ]);
    // One person for the two memberships: every person row is one identity. The first copy of the
    // dossier sent twice is superseded, so its persons are counted once, with the last copy.
    const persons = households.reduce((n, h) => n + h.persons.length, 0) + 1;
    expect(first.persons.total).toBe(persons);
    const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM beneficiary_person`);
    expect(n).toBe(persons - 1);
  });

  it('keeps the last copy of a dossier sent twice, the copies in different batches, and counts it once', async () => {
    const [dossier] = await t.sql.query(`SELECT etatdosrsa FROM beneficiary_dossier WHERE numdemrsa = $1`, [twice.demandeRsa.numdemrsa]);
    expect(dossier.etatdosrsa).toBe('4');
    expect(first.households.total).toBe(numdemrsaCount(households));
    expect(first.households.created).toBe(numdemrsaCount(households));
    const history: { etatdosrsa: string }[] = await t.sql.query(
      `SELECT DISTINCT h.etatdosrsa FROM beneficiary_rights_history h JOIN beneficiary_dossier d ON d.id = h.dossier_id WHERE d.numdemrsa = $1 ORDER BY 1`,
      [twice.demandeRsa.numdemrsa],
    );
    // The first copy was never applied: no history, no event of its own.
    expect(history.map((h) => h.etatdosrsa)).toEqual(['4']);
    expect(first.superseded).toBe(1);
    const events: { etat_before: string | null }[] = await t.sql.query(
      `SELECT e.etat_before FROM beneficiary_rights_event e JOIN beneficiary_dossier d ON d.id = e.dossier_id WHERE d.numdemrsa = $1 AND e.etat_before IS NOT NULL`,
      [twice.demandeRsa.numdemrsa],
    );
    expect(events).toEqual([]);
  });

  it('applies only the last copy of a dossier sent twice in different batches: a closed right opens no path, a rejected last copy writes nothing', async () => {
    const filler = [...generateHouseholds('batches-filler', BATCH_SIZE + 20, { kind: 'daily', referenceDate: '2026-10-15' })];
    const open = filler.find((h) => h.etatdosrsa === '2' && h.persons.some((p) => isApplicant(p) && p.montantCalculDroit?.toppersdrodevorsa === true)) as GenHousehold;
    const rejectedLast = filler.find((h) => h !== open && h.etatdosrsa === '2') as GenHousehold;
    const closed: GenHousehold = { ...open, etatdosrsa: '5', finDroit: { moticlorsa: 'RFD', dtclorsa: '2026-11-30' } };
    const impossible: GenHousehold = { ...rejectedLast, persons: rejectedLast.persons.map((p, i) => (i === 0 ? { ...p, dtnai: '1990-02-30' } : p)) };
    const list = [open, rejectedLast, ...filler.filter((h) => h !== open && h !== rejectedLast), closed, impossible];
    const path = join(t.dir, 'daily-twice.xml');
    await writeVrsbFile(path, buildHeader('batches-filler', 'daily', '2026-10-15', { date: '2026-12-01', time: '21:00:00.0000' }), list);
    const report = await t.importer.import({ path, channel: 'cli' });

    expect(report.status).toBe('imported');
    expect(report.superseded).toBe(2);
    expect(report.households).toMatchObject({ total: filler.length, rejected: 1 });
    expect(report.rejects.map((r) => r.numdemrsa)).toEqual([rejectedLast.demandeRsa.numdemrsa]);
    const [state] = await t.sql.query(
      `SELECT d.etatdosrsa, (SELECT count(*)::int FROM beneficiary_path p WHERE p.dossier_id = d.id) AS paths,
              (SELECT array_agg(DISTINCT h.etatdosrsa) FROM beneficiary_rights_history h WHERE h.dossier_id = d.id) AS history
         FROM beneficiary_dossier d WHERE d.numdemrsa = $1`,
      [open.demandeRsa.numdemrsa],
    );
    expect(state).toEqual({ etatdosrsa: '5', paths: 0, history: ['5'] });
    const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM beneficiary_dossier WHERE numdemrsa = $1`, [rejectedLast.demandeRsa.numdemrsa]);
    expect(n).toBe(0);
  });

  // The same stock again under a new header, with the dossier twice: the second copy first, a third
  // copy (état 2 again) last. What counts is which copy the dossier ends on.
  const thirdCopy: GenHousehold = { ...twice, etatdosrsa: '2', suspensionsVersement: [] };
  const reimportWithTwoCopies = async (name: string, date: string) => {
    const list = fileOf(households).map((h) => (h === twice ? secondCopy : h));
    const report = await t.importer.import({ path: await write(name, [...list, thirdCopy], date), channel: 'cli' });
    const [dossier] = await t.sql.query(`SELECT etatdosrsa FROM beneficiary_dossier WHERE numdemrsa = $1`, [twice.demandeRsa.numdemrsa]);
    return { report, etatdosrsa: dossier.etatdosrsa as string };
  };

  it('re-imports under a new header: a first copy identical to what is stored does not win over a changed last copy', async () => {
    // Stored now: the second copy (état 4), which the file carries first, unchanged.
    const { report, etatdosrsa } = await reimportWithTwoCopies('stock-2.xml', '2026-12-03');
    expect(report.status).toBe('imported');
    expect(etatdosrsa).toBe('2');
    expect(report.households).toMatchObject({ total: numdemrsaCount(households), created: 0, updated: 1, rejected: 0 });
    expect(report.households.unchanged).toBe(numdemrsaCount(households) - 1);
    expect(report.persons.created).toBe(0);
  });

  it('re-imports again: a changed first copy does not win over a last copy identical to what is stored', async () => {
    // Stored now: the third copy (état 2). The file's first copy differs from it; its last copy is
    // byte-identical to it and must still be applied, since it comes last.
    const { report, etatdosrsa } = await reimportWithTwoCopies('stock-3.xml', '2027-01-05');
    expect(report.status).toBe('imported');
    expect(etatdosrsa).toBe('2');
    expect(report.households.total).toBe(numdemrsaCount(households));
  });
});
