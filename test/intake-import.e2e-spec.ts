import { NirVault } from '@rsa/beneficiary';
import { AnomalyReview, rawXmlOf, type ImportReport } from '@rsa/intake';
import { nirKey, Permission, systemActor } from '@rsa/kernel';
import { buildHeader, generateCafFile, generateHouseholds, isExpectedEntrant, writeVrsbFile, type GenHousehold } from '@rsa/testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { intakeTest } from './support/intake-context';

/**
 * The CAF file intake end to end on a real PostgreSQL database: generated VRSB0801 files, the
 * manifest as ground truth, and the tables as the proof.
 */
describe('CAF file intake (VRSB0801)', () => {
  const t = intakeTest('rsa-intake-');
  const count = async (query: string, params: unknown[] = []): Promise<number> => Number((await t.sql.query(query, params))[0].n);
  const importFile = (path: string): Promise<ImportReport> => t.importer.import({ path, channel: 'cli' });

  describe('a monthly stock file', () => {
    let manifest: Awaited<ReturnType<typeof generateCafFile>>;
    let report: ImportReport;

    beforeAll(async () => {
      manifest = await generateCafFile({ households: 300, kind: 'monthly', seed: 'stock-1', out: join(t.dir, 'stock.xml'), date: '2026-11-04', time: '01:18:36.0000' });
      report = await importFile(manifest.path);
    });

    it('imports every household and person the file holds', () => {
      expect(report).toMatchObject({ status: 'imported', kind: 'monthly', fileError: null });
      expect(report.households).toEqual({ total: manifest.totals.distinctDossiers, created: manifest.totals.distinctDossiers, updated: 0, unchanged: 0, rejected: 0 });
      expect(report.persons.total).toBe(manifest.totals.persons);
      expect(report.persons.created).toBe(manifest.totals.persons);
    });

    it('opens a stock path for exactly the expected entrants, with a 15-day convocation deadline', async () => {
      expect(report.entrants).toBe(manifest.totals.expectedEntrants);
      const rows: { numdemrsa: string; n: number }[] = await t.sql.query(
        `SELECT d.numdemrsa, count(*)::int AS n FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id
          WHERE p.origin = 'stock' AND p.notification_date = '2026-11-04' AND p.convocation_deadline = '2026-11-19' GROUP BY 1`,
      );
      const actual = Object.fromEntries(rows.map((r) => [r.numdemrsa, r.n]));
      const expected = Object.fromEntries(
        (manifest.households ?? [])
          .map((h) => [h.numdemrsa, h.persons.filter((p) => p.expectedEntrant).length] as const)
          .filter(([, n]) => n > 0),
      );
      expect(actual).toEqual(expected);
    });

    it('keeps every NIR encrypted, with a look-up hash, never in clear', async () => {
      const nirs = (manifest.households ?? []).flatMap((h) => h.persons.map((p) => p.nir)).filter((n): n is string => n !== null);
      expect(nirs.length).toBeGreaterThan(100);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_person WHERE nir_hash IS NOT NULL AND nir_encrypted IS NOT NULL`)).toBe(new Set(nirs).size);
      const clear = await count(`SELECT count(*) AS n FROM beneficiary_person WHERE position($1::bytea in nir_encrypted) > 0 OR nir_hash = $2`, [Buffer.from(nirs[0]), nirs[0]]);
      expect(clear).toBe(0);
      // Nor in the Rattachement blocks kept with each member, where a child's block names a parent's NIR.
      expect(readFileSync(manifest.path, 'latin1')).toMatch(/<Rattachement>(?:(?!<\/Rattachement>)[\s\S])*<NIR>\d/);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_member m, jsonb_array_elements(m.blocks->'rattachements') r WHERE r->>'NIR' = ANY($1::text[])`, [nirs])).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_member m WHERE m.blocks::text ~ '"NIR": "[0-9]{5}[0-9AB]{2}[0-9]'`)).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_member m WHERE m.blocks::text LIKE '%"NIR": "_____••••••••"%'`)).toBeGreaterThan(0);
    });

    it('appends one rights-history row per person', async () => {
      expect(await count(`SELECT count(*) AS n FROM beneficiary_rights_history`)).toBe(manifest.totals.persons);
    });

    it('treats the same bytes again as a duplicate that changes nothing', async () => {
      const before = await count(`SELECT count(*) + (SELECT count(*) FROM beneficiary_rights_history) + (SELECT count(*) FROM beneficiary_path) AS n FROM beneficiary_dossier`);
      const again = await importFile(manifest.path);
      expect(again).toMatchObject({ status: 'duplicate', fileId: report.fileId, duplicateOf: report.fileId });
      expect(await count(`SELECT count(*) + (SELECT count(*) FROM beneficiary_rights_history) + (SELECT count(*) FROM beneficiary_path) AS n FROM beneficiary_dossier`)).toBe(before);
    });

    it('sees the same content under a newer header as unchanged: no new history, no new path', async () => {
      const next = await generateCafFile({ households: 300, kind: 'monthly', seed: 'stock-1', out: join(t.dir, 'stock-next.xml'), date: '2026-12-03', time: '02:00:00.0000' });
      expect(next.sha256).not.toBe(manifest.sha256);
      const history = await count(`SELECT count(*) AS n FROM beneficiary_rights_history`);
      const result = await importFile(next.path);
      expect(result.status).toBe('imported');
      expect(result.households).toMatchObject({ created: 0, updated: 0, unchanged: manifest.totals.distinctDossiers });
      // Byte-identical blocks are recognised before mapping, and their persons still counted.
      expect(result.persons).toMatchObject({ total: manifest.totals.persons, unchanged: manifest.totals.persons, created: 0, updated: 0 });
      expect(result.entrants).toBe(0);
      expect(result.notSeenInStock).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_rights_history`)).toBe(history);
    });
  });

  describe('households that change between files', () => {
    const households: GenHousehold[] = [...generateHouseholds('changes', 40, { kind: 'monthly', referenceDate: '2026-10-15' })];
    const openOne = households.find((h) => h.etatdosrsa === '2' && h.persons.filter((p) => p.prestations[1].rolepers === 'DEM' || p.prestations[1].rolepers === 'CJT').length === 2);
    const write = (name: string, list: GenHousehold[], date: string, time = '01:00:00.0000') =>
      writeVrsbFile(join(t.dir, name), buildHeader('changes', 'monthly', '2026-10-15', { date, time }), list).then(() => join(t.dir, name));

    it('has a couple with an open right to work on', () => {
      expect(openOne).toBeDefined();
    });

    it('detaches a person who left, appends history and events, and flags the dossier missing from the next stock', async () => {
      const first = await importFile(await write('m1.xml', households, '2026-11-04'));
      expect(first.status).toBe('imported');
      const dossier = openOne!;
      const numdemrsa = dossier.demandeRsa.numdemrsa;
      const changed: GenHousehold = {
        ...dossier,
        etatdosrsa: '4',
        suspensionsVersement: [{ motisusversrsa: '06', ddsusversrsa: '2026-11-01' }],
        // The demandeur's usual name changes (marriage): same person, identity updated.
        persons: dossier.persons.filter((p) => p.prestations[1].rolepers !== 'CJT').map((p) => (p.prestations[1].rolepers === 'DEM' ? { ...p, nom: 'NOUVEAUNOM' } : p)),
      };
      const missing = households.find((h) => h !== dossier)!;
      // After the other stock of that day (stock-next.xml, 02:00): a stock older than one already applied says nothing about what the stock holds.
      const second = await importFile(await write('m2.xml', households.filter((h) => h !== missing).map((h) => (h === dossier ? changed : h)), '2026-12-03', '03:00:00.0000'));
      expect(second.status).toBe('imported');
      expect(second.households.updated).toBe(1);
      // Every dossier the first stock carried but this one does not is signalled (the other tests' too), none of those it carries.
      const absent = await count(`SELECT count(*) AS n FROM beneficiary_dossier_seen WHERE not_seen_in_stock_since = '2026-12-03'`);
      expect(second.notSeenInStock).toBe(absent);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_dossier_seen WHERE last_stock_file_id = $1 AND not_seen_in_stock_since IS NOT NULL`, [second.fileId])).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_dossier d JOIN beneficiary_dossier_seen s ON s.dossier_id = d.id WHERE d.numdemrsa = $1 AND s.last_stock_file_id = $2 AND s.not_seen_in_stock_since IS NULL`, [numdemrsa, second.fileId])).toBe(1);
      expect(second.persons.updated).toBeGreaterThanOrEqual(1);
      expect(second.persons.created).toBe(0);
      expect(
        await count(
          `SELECT count(*) AS n FROM beneficiary_person p JOIN beneficiary_member m ON m.person_id = p.id JOIN beneficiary_dossier d ON d.id = m.dossier_id
            WHERE d.numdemrsa = $1 AND m.role_rsa = 'DEM' AND p.nom = 'NOUVEAUNOM'`,
          [numdemrsa],
        ),
      ).toBe(1);

      const members: { role_rsa: string; detached: boolean }[] = await t.sql.query(
        `SELECT m.role_rsa, m.detached_at IS NOT NULL AS detached FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id WHERE d.numdemrsa = $1 ORDER BY m.role_rsa`,
        [numdemrsa],
      );
      expect(members.find((m) => m.role_rsa === 'CJT')).toEqual({ role_rsa: 'CJT', detached: true });
      expect(members.filter((m) => !m.detached).length).toBe(changed.persons.length);

      const history: { etatdosrsa: string; flux_date: string }[] = await t.sql.query(
        `SELECT h.etatdosrsa, to_char(h.flux_date, 'YYYY-MM-DD') AS flux_date FROM beneficiary_rights_history h JOIN beneficiary_dossier d ON d.id = h.dossier_id
          JOIN beneficiary_member m ON m.person_id = h.person_id AND m.dossier_id = d.id WHERE d.numdemrsa = $1 AND m.role_rsa = 'DEM' ORDER BY h.id`,
        [numdemrsa],
      );
      expect(history).toEqual([
        { etatdosrsa: '2', flux_date: '2026-11-04' },
        { etatdosrsa: '4', flux_date: '2026-12-03' },
      ]);
      const events: { kind: string }[] = await t.sql.query(
        `SELECT e.kind FROM beneficiary_rights_event e JOIN beneficiary_dossier d ON d.id = e.dossier_id WHERE d.numdemrsa = $1 AND e.person_id IS NULL ORDER BY e.id`,
        [numdemrsa],
      );
      // The first stock says what already was (no event); the next one, that the payment was suspended.
      expect(events.map((e) => e.kind)).toEqual(['right-suspended']);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_dossier d JOIN beneficiary_dossier_seen s ON s.dossier_id = d.id WHERE d.numdemrsa = $1 AND s.not_seen_in_stock_since = '2026-12-03'`, [missing.demandeRsa.numdemrsa])).toBe(1);
    });

    it('ignores data older than what a dossier already holds', async () => {
      const dossier = openOne!;
      const stale: GenHousehold = { ...dossier, etatdosrsa: '5', finDroit: { moticlorsa: 'ECH', dtclorsa: '2026-10-31' } };
      const report = await importFile(await write('stale.xml', [stale], '2026-11-20'));
      expect(report.status).toBe('imported');
      expect(report.olderIgnored).toBe(1);
      expect(report.households).toMatchObject({ total: 1, unchanged: 1, updated: 0 });
      expect(await count(`SELECT count(*) AS n FROM beneficiary_dossier WHERE numdemrsa = $1 AND etatdosrsa = '4'`, [dossier.demandeRsa.numdemrsa])).toBe(1);
    });
  });

  describe('people kept out for a time', () => {
    const households: GenHousehold[] = [...generateHouseholds('recheck', 30, { kind: 'daily', referenceDate: '2026-11-15' })];
    const isDem = (p: GenHousehold['persons'][number]) => p.prestations[1].rolepers === 'DEM';
    const eligible = households.filter((h) => h.etatdosrsa === '2' && h.organismePrenant === null && h.persons.some((p) => isDem(p) && p.montantCalculDroit?.toppersdrodevorsa === true));
    const withJob = (h: GenHousehold, dfact: string | null): GenHousehold => ({
      ...h,
      persons: h.persons.map((p) => (isDem(p) ? { ...p, activites: [{ reg: 'GE', act: 'SAL', ddact: '2026-01-05', dfact, natcontrtra: null, topcondadmeti: null }] } : p)),
    });
    // A job that ends on 25 November, one with no end.
    const ending = withJob(eligible[0], '2026-11-25');
    const lasting = withJob(eligible[1], null);
    const write = (name: string, list: GenHousehold[], date: string) =>
      writeVrsbFile(join(t.dir, name), buildHeader('recheck', 'daily', date, { date, time: '21:00:00.0000' }), list).then(() => join(t.dir, name));
    const paths = (h: GenHousehold) =>
      t.sql.query(
        `SELECT p.origin, to_char(p.notification_date, 'YYYY-MM-DD') AS notification_date FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id WHERE d.numdemrsa = $1 AND p.role_rsa = 'DEM'`,
        [h.demandeRsa.numdemrsa],
      );

    it('enters once the reason ends, even when the CAF sends nothing new about them', async () => {
      expect(eligible.length).toBeGreaterThanOrEqual(3);
      const first = await importFile(await write('recheck-1.xml', [ending, lasting], '2026-11-20'));
      expect(first.nonEntries['in-employment']).toBe(2);
      expect(await paths(ending)).toEqual([]);

      // The same household again before the job ends: still out.
      const again = await importFile(await write('recheck-2.xml', [ending, lasting], '2026-11-24'));
      expect(again.households.unchanged).toBe(2);
      expect(await paths(ending)).toEqual([]);

      // A later daily file that carries neither: the ended job no longer keeps the demandeur out.
      const later = await importFile(await write('recheck-3.xml', [eligible[2]], '2026-11-27'));
      expect(later.entrants).toBeGreaterThanOrEqual(2);
      expect(await paths(ending)).toEqual([{ origin: 'flux', notification_date: '2026-11-27' }]);
      expect(await paths(lasting)).toEqual([]);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_member WHERE entry_recheck_on IS NOT NULL`)).toBe(0);

      // Nothing more to decide: the next file opens no second path.
      await importFile(await write('recheck-4.xml', [ending], '2026-11-28'));
      expect(await paths(ending)).toHaveLength(1);
    });

    it('opens a flux path when the reason ends, even when a monthly file finds it: the planner convenes them', async () => {
      expect(eligible.length).toBeGreaterThanOrEqual(5);
      const monthly = (name: string, list: GenHousehold[], date: string) =>
        writeVrsbFile(join(t.dir, name), buildHeader('recheck', 'monthly', date, { date, time: '01:00:00.0000' }), list).then(() => join(t.dir, name));
      // In the stock at the end of November, in work until 10 December.
      const stockJob = withJob(eligible[3], '2026-12-10');
      expect((await importFile(await monthly('recheck-m1.xml', [stockJob, eligible[4]], '2026-12-04'))).nonEntries['in-employment']).toBe(1);
      // The next stock (end of December) carries them unchanged: the job is over, they enter as a new entrant would.
      const later = await importFile(await monthly('recheck-m2.xml', [stockJob, eligible[4]], '2027-01-05'));
      expect(later.status).toBe('imported');
      expect(await paths(stockJob)).toEqual([{ origin: 'flux', notification_date: '2027-01-05' }]);
      expect(await paths(eligible[4])).toEqual([{ origin: 'stock', notification_date: '2026-12-04' }]);
    });
  });

  describe('a person shared by dossiers', () => {
    const households: GenHousehold[] = [...generateHouseholds('shared-identity', 20, { kind: 'daily', referenceDate: '2026-11-01' })];
    const isDem = (p: GenHousehold['persons'][number]) => p.prestations[1].rolepers === 'DEM';
    const first = households.find((h) => h.persons.some((p) => isDem(p) && p.nir !== null && p.nir.length === 13)) as GenHousehold;
    const other = households.find((h) => h !== first) as GenHousehold;
    const dem = first.persons.find(isDem)!;
    const renamed: GenHousehold = { ...first, persons: first.persons.map((p) => (p === dem ? { ...p, nom: 'NOUVEAUNOM' } : p)) };
    // The same person, under the name they had before, as demandeur of another dossier.
    const elsewhere: GenHousehold = {
      ...other,
      persons: other.persons.map((p) =>
        isDem(p) ? { ...p, qual: dem.qual, nom: 'ANCIENNOM', nomnai: dem.nomnai, prenom: dem.prenom, dtnai: dem.dtnai, rgnai: dem.rgnai, typedtnai: dem.typedtnai, nir: dem.nir, sexe: dem.sexe } : p,
      ),
    };
    const write = (name: string, list: GenHousehold[], date: string) =>
      writeVrsbFile(join(t.dir, name), buildHeader('shared-identity', 'daily', date, { date, time: '21:00:00.0000' }), list).then(() => join(t.dir, name));

    it('takes the definitive NIR that replaces a temporary one (NIA) as the same person: no conflict, no second path', async () => {
      const household = households.find((h) => h !== first && h !== other && h.etatdosrsa === '2' && h.persons.some((p) => isDem(p) && p.nir !== null && p.montantCalculDroit?.toppersdrodevorsa === true)) as GenHousehold;
      const applicant = household.persons.find(isDem)!;
      const definitive = applicant.nir!.slice(0, 13);
      const nia = `7${definitive.slice(1)}`;
      // Nothing else keeps the applicant out of the path.
      const withNir = (nir: string): GenHousehold => ({
        ...household,
        organismePrenant: null,
        persons: household.persons.map((p) => (p === applicant ? { ...p, nir, activites: [], dfratdos: null } : p)),
      });
      const before = await importFile(await write('nia-1.xml', [withNir(nia)], '2026-11-14'));
      expect(before.entrants).toBeGreaterThanOrEqual(1);
      const after = await importFile(await write('nia-2.xml', [withNir(definitive)], '2026-11-15'));
      expect(after).toMatchObject({ status: 'imported', anomalies: 0, entrants: 0 });
      expect(after.persons.created).toBe(0);
      const rows: { nir_status: string; paths: number }[] = await t.sql.query(
        `SELECT p.nir_status, (SELECT count(*)::int FROM beneficiary_path x WHERE x.person_id = p.id) AS paths
           FROM beneficiary_member m JOIN beneficiary_person p ON p.id = m.person_id JOIN beneficiary_dossier d ON d.id = m.dossier_id
          WHERE d.numdemrsa = $1 AND m.role_rsa = 'DEM'`,
        [household.demandeRsa.numdemrsa],
      );
      expect(rows).toEqual([{ nir_status: 'valid', paths: 1 }]);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_person WHERE nir_hash = $1`, [t.app.get(NirVault).lookupHash(definitive)])).toBe(1);
    });

    it('keeps a valid NIR valid when another dossier names the same person without one, or with an invalid one', async () => {
      const household = households.find((h) => h !== first && h !== other && h.persons.some((p) => isDem(p) && p.nir !== null && p.nir.length === 13)) as GenHousehold;
      const applicant = household.persons.find(isDem)!;
      const host = households.find((h) => h !== first && h !== other && h !== household && h.persons.length === 1 && isDem(h.persons[0])) as GenHousehold;
      const sameWith = (nir: string | null): GenHousehold => ({
        ...host,
        persons: host.persons.map((p) => ({ ...p, qual: applicant.qual, nom: applicant.nom, nomnai: applicant.nomnai, prenom: applicant.prenom, dtnai: applicant.dtnai, rgnai: applicant.rgnai, typedtnai: applicant.typedtnai, sexe: applicant.sexe, nir })),
      });
      await importFile(await write('nir-held-1.xml', [household], '2026-11-16'));
      const status = async () =>
        (await t.sql.query(`SELECT nir_status, nir_hash IS NOT NULL AS sealed FROM beneficiary_person WHERE nir_hash = $1 OR (nomnai = $2 AND prenom = $3 AND dtnai = $4)`, [
          t.app.get(NirVault).lookupHash(applicant.nir!),
          applicant.nomnai,
          applicant.prenom,
          applicant.dtnai,
        ])) as { nir_status: string; sealed: boolean }[];
      expect(await status()).toEqual([{ nir_status: 'valid', sealed: true }]);
      for (const [name, nir, date] of [['nir-held-2.xml', null, '2026-11-17'], ['nir-held-3.xml', `${applicant.nir!.slice(0, 11)}XX`, '2026-11-18']] as const) {
        const report = await importFile(await write(name, [sameWith(nir)], date));
        expect(report).toMatchObject({ status: 'imported', persons: { created: 0 } });
        expect(await status()).toEqual([{ nir_status: 'valid', sealed: true }]);
      }
    });

    it('keeps the identity a newer file gave when a late, older file brings another dossier for the same person', async () => {
      await importFile(await write('shared-new.xml', [renamed], '2026-11-10'));
      const late = await importFile(await write('shared-old.xml', [elsewhere], '2026-11-05'));
      expect(late.status).toBe('imported');
      const rows: { numdemrsa: string; nom: string }[] = await t.sql.query(
        `SELECT d.numdemrsa, p.nom FROM beneficiary_member m JOIN beneficiary_person p ON p.id = m.person_id JOIN beneficiary_dossier d ON d.id = m.dossier_id
          WHERE m.role_rsa = 'DEM' AND d.numdemrsa = ANY($1::varchar[]) ORDER BY d.numdemrsa`,
        [[first.demandeRsa.numdemrsa, other.demandeRsa.numdemrsa]],
      );
      // One person in both dossiers, still under the newer name.
      expect(rows.map((r) => r.nom)).toEqual(['NOUVEAUNOM', 'NOUVEAUNOM']);
      // A newer file still changes it.
      await importFile(await write('shared-newer.xml', [{ ...elsewhere, persons: elsewhere.persons.map((p) => (isDem(p) ? { ...p, nom: 'TROISIEMENOM' } : p)) }], '2026-11-12'));
      expect(await count(`SELECT count(*) AS n FROM beneficiary_person WHERE nom = 'TROISIEMENOM'`)).toBe(1);
    });
  });

  describe('record-level faults in a daily file', () => {
    let manifest: Awaited<ReturnType<typeof generateCafFile>>;
    let report: ImportReport;

    beforeAll(async () => {
      manifest = await generateCafFile({
        households: 60,
        kind: 'daily',
        seed: 'daily-faults',
        out: join(t.dir, 'daily-faults.xml'),
        date: '2026-11-20',
        time: '21:27:00.0000',
        faults: ['invalid-date', 'missing-donnees-administratives', 'unparsable-decimal', 'unknown-etatdosrsa', 'duplicate-numdemrsa', 'nir-conflict', 'padded-values', 'booleans-true-false', 'out-of-order'],
      });
      report = await importFile(manifest.path);
    });

    it('rejects only the faulty households and imports the rest, opening flux paths', () => {
      expect(report.status).toBe('imported');
      expect(report.kind).toBe('daily');
      expect(report.households.rejected).toBe(manifest.totals.householdsRejected);
      expect(report.households.rejected).toBe(3);
      // distinctDossiers counts every dossier written once (rejected ones included, the duplicate once).
      expect(report.households.total).toBe(manifest.totals.distinctDossiers);
      expect(report.entrants).toBe(manifest.totals.expectedEntrants);
    });

    it('stores each reject with its path, message and raw XML', async () => {
      const rejects: { path: string; message: string; raw_xml: Buffer; numdemrsa: string | null }[] = await t.sql.query(
        `SELECT r.path, r.message, r.raw_xml, r.numdemrsa FROM intake_reject r WHERE r.file_id = $1 ORDER BY r.ordinal`,
        [report.fileId],
      );
      expect(rejects).toHaveLength(3);
      const vault = t.app.get(NirVault);
      for (const r of rejects) {
        // Sealed at rest, like the NIRs it holds: nothing of the XML reads in the column.
        expect(vault.isCurrentBytes(r.raw_xml)).toBe(true);
        expect(r.raw_xml.includes(Buffer.from('<Personne>'))).toBe(false);
        const xml = rawXmlOf(vault, r.raw_xml);
        expect(xml).toMatch(/^<InfosFoyerRSA[\s>]/);
        expect(xml).toMatch(/<\/InfosFoyerRSA>$/);
        expect(r.message.length).toBeGreaterThan(5);
      }
      // The raw batches kept for replay are sealed too, and open to gzip.
      const [batch] = await t.sql.query(`SELECT gz FROM intake_raw_batch WHERE file_id = $1 ORDER BY seq LIMIT 1`, [report.fileId]);
      expect(vault.isCurrentBytes(batch.gz)).toBe(true);
      expect(gunzipSync(vault.openBytes(batch.gz)).toString('utf8')).toMatch(/^<InfosFoyerRSA[\s>]/);
      expect(rejects.map((r) => r.path).join(' ')).toMatch(/DTNAI/);
      expect(rejects.map((r) => r.path).join(' ')).toMatch(/DonneesAdministratives/);
    });

    it('keeps the last occurrence of a NUMDEMRSA sent twice', async () => {
      const duplicate = manifest.faults.find((f) => f.fault === 'duplicate-numdemrsa')!;
      const expected = (manifest.households ?? []).find((h) => h.numdemrsa === duplicate.numdemrsa)!;
      expect(await count(`SELECT count(*) AS n FROM beneficiary_dossier WHERE numdemrsa = $1 AND etatdosrsa = $2`, [duplicate.numdemrsa, expected.etatdosrsa])).toBe(1);
    });

    it('re-imports the same content under a new header: faulty households rejected again, the duplicate still ends on its last version', async () => {
      const again = await generateCafFile({
        households: 60,
        kind: 'daily',
        seed: 'daily-faults',
        out: join(t.dir, 'daily-faults-again.xml'),
        date: '2026-11-21',
        time: '21:27:00.0000',
        faults: ['invalid-date', 'missing-donnees-administratives', 'unparsable-decimal', 'unknown-etatdosrsa', 'duplicate-numdemrsa', 'nir-conflict', 'padded-values', 'booleans-true-false', 'out-of-order'],
      });
      const result = await importFile(again.path);
      expect(result.status).toBe('imported');
      expect(result.households.rejected).toBe(3);
      expect(result.households.created).toBe(0);
      expect(result.entrants).toBe(0);
      const duplicate = manifest.faults.find((f) => f.fault === 'duplicate-numdemrsa')!;
      const expected = (manifest.households ?? []).find((h) => h.numdemrsa === duplicate.numdemrsa)!;
      expect(await count(`SELECT count(*) AS n FROM beneficiary_dossier WHERE numdemrsa = $1 AND etatdosrsa = $2`, [duplicate.numdemrsa, expected.etatdosrsa])).toBe(1);
    });

    it('flags unknown codes and identity conflicts as anomalies instead of rejecting', async () => {
      const kinds: { kind: string }[] = await t.sql.query(`SELECT DISTINCT kind FROM intake_anomaly WHERE file_id = $1`, [report.fileId]);
      expect(kinds.map((k) => k.kind).sort()).toEqual(expect.arrayContaining(['nir-birthdate-conflict', 'unknown-code']));
      expect(report.anomalies).toBeGreaterThanOrEqual(2);
      const unknown = manifest.faults.find((f) => f.fault === 'unknown-etatdosrsa')!;
      expect(await count(`SELECT count(*) AS n FROM beneficiary_dossier WHERE numdemrsa = $1 AND etatdosrsa = '9'`, [unknown.numdemrsa])).toBe(1);
    });
  });

  describe('values beyond what vrsb0801.xsd allows', () => {
    it('rejects only those households, stores them, and imports the rest', async () => {
      const manifest = await generateCafFile({ households: 6, kind: 'daily', seed: 'beyond-schema', out: join(t.dir, 'beyond.xml'), date: '2026-11-22', time: '21:27:00.0000' });
      const [first, second, third] = (manifest.households ?? []).map((h) => h.numdemrsa);
      let xml = readFileSync(manifest.path, 'latin1');
      const blocks = xml.split('</InfosFoyerRSA>');
      // A 12-character NUMDEMRSA, a 29-character birth name, an amount of 12 digits.
      blocks[0] = blocks[0].replace(`<NUMDEMRSA>${first}</NUMDEMRSA>`, `<NUMDEMRSA>${first}9</NUMDEMRSA>`);
      blocks[1] = blocks[1].replace(/<NOMNAI>[^<]*<\/NOMNAI>/, `<NOMNAI>${'N'.repeat(29)}</NOMNAI>`);
      blocks[2] = blocks[2].replace(/<\/TOPPERSDRODEVORSA>/, '</TOPPERSDRODEVORSA>\n<MTPERSRESSMENRSA>999999999999.99</MTPERSRESSMENRSA>');
      xml = blocks.join('</InfosFoyerRSA>');
      expect(xml).toContain(`${first}9`);
      expect(xml).toContain('N'.repeat(29));
      expect(xml).toContain('999999999999.99');
      writeFileSync(manifest.path, xml, 'latin1');

      const report = await importFile(manifest.path);
      expect(report).toMatchObject({ status: 'imported', fileError: null });
      expect(report.households).toMatchObject({ total: 6, created: 3, rejected: 3 });
      expect(report.rejects.map((r) => [r.numdemrsa, r.path, r.message])).toEqual([
        [null, 'InfosFoyerRSA/IdentificationRSA/DemandeRSA/NUMDEMRSA', `the value is longer than the 11 characters vrsb0801.xsd allows`],
        [second, 'InfosFoyerRSA/Personne[1]/Identification/NOMNAI', 'the value is longer than the 28 characters vrsb0801.xsd allows'],
        [third, 'InfosFoyerRSA/Personne[1]/MontantCalculDroitRSAPersonne/MTPERSRESSMENRSA', 'the value is not a decimal of at most 9 digits, 2 of them after the point'],
      ]);
      const stored: { raw_xml: Buffer }[] = await t.sql.query(`SELECT raw_xml FROM intake_reject WHERE file_id = $1`, [report.fileId]);
      expect(stored.map((r) => rawXmlOf(t.app.get(NirVault), r.raw_xml).endsWith('</InfosFoyerRSA>'))).toEqual([true, true, true]);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_dossier WHERE numdemrsa = ANY($1::varchar[])`, [[first, second, third]])).toBe(0);
    });
  });

  describe('file-level faults', () => {
    it.each(['truncated', 'missing-footer', 'missing-header', 'count-mismatch', 'utf8-declared-cp1252', 'cp1252-declared-utf8', 'unknown-natflux', 'unknown-typeflux', 'malformed-xml'])(
      '%s rejects the whole file and commits nothing',
      async (fault) => {
        const before = await count(`SELECT (SELECT count(*) FROM beneficiary_dossier) + (SELECT count(*) FROM beneficiary_person) + (SELECT count(*) FROM intake_reject) + (SELECT count(*) FROM beneficiary_path) AS n`);
        const manifest = await generateCafFile({ households: 25, kind: 'daily', seed: `file-${fault}`, out: join(t.dir, `${fault}.xml`), faults: [fault] });
        expect(manifest.expectedFileOutcome).toBe('file-rejected');
        const report = await importFile(manifest.path);
        expect(report.status).toBe('rejected');
        expect(report.fileError?.code).toMatch(/^[A-Z_]+$/);
        expect(report.fileError?.message.length).toBeGreaterThan(5);
        // The code is given beside the message, not repeated at its start.
        expect(report.fileError?.message.startsWith(report.fileError.code)).toBe(false);
        expect(report.households.created + report.households.updated).toBe(0);
        expect(await count(`SELECT (SELECT count(*) FROM beneficiary_dossier) + (SELECT count(*) FROM beneficiary_person) + (SELECT count(*) FROM intake_reject) + (SELECT count(*) FROM beneficiary_path) AS n`)).toBe(before);
        expect(await count(`SELECT count(*) AS n FROM intake_file WHERE id = $1 AND status = 'rejected' AND error_code = $2 AND error_message = $3`, [report.fileId, report.fileError!.code, report.fileError!.message])).toBe(1);
        // The same bytes again are rejected again, with the first answer's fault, and change nothing.
        const again = await importFile(manifest.path);
        expect(again).toMatchObject({ status: 'rejected', fileId: report.fileId, duplicateOf: report.fileId, fileError: report.fileError });
        // Once the header was read, the registry keeps it even for a rejected file.
        if (['truncated', 'count-mismatch', 'missing-footer', 'malformed-xml'].includes(fault)) {
          expect(await count(`SELECT count(*) AS n FROM intake_file WHERE id = $1 AND header->>'typeFlux' = 'I' AND flux_at IS NOT NULL`, [report.fileId])).toBe(1);
        }
      },
    );
  });

  describe('what a stock says about dossiers it does not carry', () => {
    const households: GenHousehold[] = [...generateHouseholds('stock-signals', 3, { kind: 'monthly', referenceDate: '2027-01-15' })];
    const [a, b, c] = households;
    const write = (name: string, list: GenHousehold[], date: string) =>
      writeVrsbFile(join(t.dir, name), buildHeader('stock-signals', 'monthly', date, { date, time: '01:00:00.0000' }), list).then(() => join(t.dir, name));
    const seen = (h: GenHousehold) =>
      t.sql
        .query(
          `SELECT f.original_name AS stock, to_char(s.not_seen_in_stock_since, 'YYYY-MM-DD') AS not_seen
             FROM beneficiary_dossier_seen s JOIN beneficiary_dossier d ON d.id = s.dossier_id LEFT JOIN intake_file f ON f.id = s.last_stock_file_id WHERE d.numdemrsa = $1`,
          [h.demandeRsa.numdemrsa],
        )
        .then((rows: { stock: string | null; not_seen: string | null }[]) => rows[0]);

    it('a late, older stock neither signals what the newer one carried nor takes its place', async () => {
      expect((await importFile(await write('signals-march.xml', [a, b, c], '2027-03-03'))).status).toBe('imported');
      const late = await importFile(await write('signals-february.xml', [a], '2027-02-03'));
      expect(late).toMatchObject({ status: 'imported', olderIgnored: 1, notSeenInStock: 0 });
      expect(await seen(a)).toEqual({ stock: 'signals-march.xml', not_seen: null });
      expect(await seen(b)).toEqual({ stock: 'signals-march.xml', not_seen: null });
    });

    it('a household the stock carried but whose record was rejected is not "not seen in stock"', async () => {
      const broken: GenHousehold = { ...b, persons: b.persons.map((p, i) => (i === 0 ? { ...p, dtnai: '1980-02-31' } : p)) };
      const april = await importFile(await write('signals-april.xml', [a, broken], '2027-04-05'));
      expect(april.households).toMatchObject({ rejected: 1 });
      expect(await seen(b)).toEqual({ stock: 'signals-april.xml', not_seen: null });
      // The dossier the stock did not carry at all is signalled.
      expect(await seen(c)).toEqual({ stock: 'signals-march.xml', not_seen: '2027-04-05' });
    });
  });

  describe('a file under the header of a file already imported, with other bytes', () => {
    const households: GenHousehold[] = [...generateHouseholds('same-header', 4, { kind: 'daily', referenceDate: '2027-06-10' })];
    const write = (name: string, list: GenHousehold[], time: string) =>
      writeVrsbFile(join(t.dir, name), buildHeader('same-header', 'daily', '2027-06-10', { date: '2027-06-10', time }), list).then(() => join(t.dir, name));

    it('is applied as any other and flagged for review with a file-level anomaly naming the first file', async () => {
      const first = await importFile(await write('same-header-1.xml', households, '20:15:00.0000'));
      expect(first).toMatchObject({ status: 'imported', sameHeaderAs: [], anomalies: 0 });
      const corrected: GenHousehold[] = households.map((h, i) => (i === 0 ? { ...h, etatdosrsa: h.etatdosrsa === '6' ? '2' : '6' } : h));
      const second = await importFile(await write('same-header-2.xml', corrected, '20:15:00.0000'));
      expect(second).toMatchObject({ status: 'imported', sameHeaderAs: [first.fileId], anomalies: 1 });
      expect(second.households).toMatchObject({ updated: 1, unchanged: 3 });
      const anomalies: { kind: string; numdemrsa: string | null; detail: unknown }[] = await t.sql.query(
        `SELECT kind, numdemrsa, detail FROM intake_anomaly WHERE file_id = $1`,
        [second.fileId],
      );
      expect(anomalies).toEqual([{ kind: 'same-header-other-bytes', numdemrsa: null, detail: { otherFileIds: [first.fileId] } }]);
      // The same households a minute later: another file, no flag.
      const later = await importFile(await write('same-header-3.xml', households, '20:16:00.0000'));
      expect(later).toMatchObject({ status: 'imported', sameHeaderAs: [] });
    });
  });

  describe('the registry while a file is imported', () => {
    it('shows the import under way as processing to every other connection, and when it started and finished', async () => {
      const manifest = await generateCafFile({ households: 60, kind: 'daily', seed: 'registry-timing', out: join(t.dir, 'timing.xml'), date: '2027-07-01', time: '21:00:00.0000' });
      let during: { status: string; started: boolean } | undefined;
      const report = await t.importer.import({
        path: manifest.path,
        channel: 'cli',
        // Just before the file's transaction commits: what the API (another connection) reads then.
        beforeCommit: async (_runner, r) => {
          const [row] = await t.sql.query(`SELECT status, started_at IS NOT NULL AS started FROM intake_file WHERE id = $1`, [r.fileId]);
          during = row;
        },
      });
      expect(during).toEqual({ status: 'processing', started: true });
      const [row] = await t.sql.query(`SELECT status, started_at, finished_at FROM intake_file WHERE id = $1`, [report.fileId]);
      expect(row.status).toBe('imported');
      // Finished when the import ended, not when its transaction began.
      expect(row.finished_at.getTime() - row.started_at.getTime()).toBeGreaterThan(0);
      expect(row.finished_at.getTime() - row.started_at.getTime()).toBeLessThanOrEqual(report.durationMs + 5);
    });
  });

  describe('a person the CAF wrote twice in one household', () => {
    const households: GenHousehold[] = [...generateHouseholds('twice-in-household', 60, { kind: 'daily', referenceDate: '2027-08-02' })];
    // Households whose demandeur enters the path.
    const entering = households.filter((h) => h.persons.some((p) => p.prestations[1].rolepers === 'DEM' && isExpectedEntrant(h, p)));
    const demOf = (h: GenHousehold) => h.persons.find((p) => p.prestations[1].rolepers === 'DEM')!;
    const asRole = (p: GenHousehold['persons'][number], rolepers: string) => ({ ...p, prestations: [p.prestations[0], { ...p.prestations[1], rolepers }] as typeof p.prestations });
    const paths = (numdemrsa: string) =>
      count(`SELECT count(*) AS n FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id WHERE d.numdemrsa = $1 AND p.status = 'open'`, [numdemrsa]);

    it('is convened once: the repeat enters only when the first line of them does not', async () => {
      expect(entering.length).toBeGreaterThanOrEqual(2);
      const [first, second] = entering;
      // The demandeur written again as conjoint: the first line enters, the repeat is held.
      const repeatedAsCjt: GenHousehold = { ...first, persons: [...first.persons.filter((p) => p.prestations[1].rolepers !== 'CJT'), asRole(demOf(first), 'CJT')] };
      // The demandeur first written as a child, then as demandeur: the demandeur's line enters.
      const childFirst: GenHousehold = { ...second, persons: [asRole(demOf(second), 'ENF'), ...second.persons.filter((p) => p.prestations[1].rolepers !== 'CJT')] };
      const path = join(t.dir, 'twice.xml');
      await writeVrsbFile(path, buildHeader('twice-in-household', 'daily', '2027-08-02', { date: '2027-08-02', time: '20:00:00.0000' }), [repeatedAsCjt, childFirst]);
      const report = await importFile(path);
      expect(report.status).toBe('imported');
      expect(report.nonEntries['duplicate-in-household']).toBe(1);
      expect(await paths(first.demandeRsa.numdemrsa)).toBe(1);
      expect(await paths(second.demandeRsa.numdemrsa)).toBe(1);
      // The path of the second is the demandeur's line.
      const [{ role }] = await t.sql.query(
        `SELECT p.role_rsa AS role FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id WHERE d.numdemrsa = $1`,
        [second.demandeRsa.numdemrsa],
      );
      expect(role).toBe('DEM');
      const kinds: { kind: string }[] = await t.sql.query(`SELECT kind FROM intake_anomaly WHERE file_id = $1`, [report.fileId]);
      expect(kinds.filter((k) => k.kind === 'duplicate-person-in-household')).toHaveLength(2);

      // The same households changed in a later file (the right suspended): the repeat, now a person
      // of its own, is still recognised as one, and nobody gets a second path.
      const later = join(t.dir, 'twice-later.xml');
      await writeVrsbFile(later, buildHeader('twice-in-household', 'daily', '2027-08-09', { date: '2027-08-09', time: '20:00:00.0000' }), [
        { ...repeatedAsCjt, etatdosrsa: '3' },
        { ...childFirst, etatdosrsa: '3' },
      ]);
      const again = await importFile(later);
      expect(again).toMatchObject({ status: 'imported', entrants: 0 });
      expect(await paths(first.demandeRsa.numdemrsa)).toBe(1);
      expect(await paths(second.demandeRsa.numdemrsa)).toBe(1);
    });

    it('lets the repeat in when the first line’s only path is on a dossier the person left', async () => {
      const h = entering[2];
      expect(h).toBeDefined();
      const dem = demOf(h);
      const file = async (name: string, list: GenHousehold[], date: string) => {
        await writeVrsbFile(join(t.dir, name), buildHeader('twice-in-household', 'daily', date, { date, time: '20:00:00.0000' }), list);
        return importFile(join(t.dir, name));
      };
      await file('left-1.xml', [h], '2027-08-16');
      // They leave that household, and come in a dossier of their own, written first as a child.
      await file('left-2.xml', [{ ...h, persons: h.persons.map((p) => (p === dem ? { ...p, dfratdos: '2027-08-20' } : p)) }], '2027-08-23');
      const own: GenHousehold = { ...h, demandeRsa: { numdemrsa: '88000000001', dtdemrsa: '2027-08-24' }, persons: [asRole(dem, 'ENF'), dem] };
      const report = await file('left-3.xml', [own], '2027-08-24');
      expect(report.nonEntries['duplicate-in-household']).toBeUndefined();
      expect(report.entrants).toBe(1);
      expect(await paths('88000000001')).toBe(1);
      // The path on the household they left is closed for it.
      const old: { close_reason: string }[] = await t.sql.query(
        `SELECT p.close_reason FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id WHERE d.numdemrsa = $1 AND p.role_rsa = 'DEM'`,
        [h.demandeRsa.numdemrsa],
      );
      expect(old).toEqual([{ close_reason: 'left-household' }]);
    });
  });

  describe('a monthly file made after the first daily files of the month', () => {
    it("does not roll back what those daily files said: its data is the month it covers, not the day it was made", async () => {
      const households: GenHousehold[] = [...generateHouseholds('month-after-dailies', 2, { kind: 'monthly', referenceDate: '2027-09-15' })].map((h) => ({ ...h, etatdosrsa: '2' }));
      const [closed, other] = households;
      const file = async (name: string, kind: 'daily' | 'monthly', list: GenHousehold[], date: string, time: string) => {
        await writeVrsbFile(join(t.dir, name), buildHeader('month-after-dailies', kind, date, { date, time }), list);
        return importFile(join(t.dir, name));
      };
      const etat = async (h: GenHousehold) => (await t.sql.query(`SELECT etatdosrsa FROM beneficiary_dossier WHERE numdemrsa = $1`, [h.demandeRsa.numdemrsa]))[0]?.etatdosrsa;
      // August's situation, then the daily of 2 October closes one right.
      expect((await file('mad-1.xml', 'daily', households, '2027-09-30', '21:00:00.0000')).status).toBe('imported');
      expect((await file('mad-2.xml', 'daily', [{ ...closed, etatdosrsa: '6' }], '2027-10-02', '21:00:00.0000')).status).toBe('imported');
      // The monthly made on 4 October tells the end of September (DTREF 2027-09-30): the right as still open.
      const monthly = await file('mad-3.xml', 'monthly', households.map((h) => (h === other ? { ...h, etatdosrsa: '4' } : h)), '2027-10-04', '01:00:00.0000');
      expect(monthly).toMatchObject({ status: 'imported', olderIgnored: 1 });
      expect(await etat(closed)).toBe('6');
      // What only the monthly says is applied.
      expect(await etat(other)).toBe('4');
      const history = await t.sql.query(
        `SELECT h.etatdosrsa FROM beneficiary_rights_history h JOIN beneficiary_dossier d ON d.id = h.dossier_id WHERE d.numdemrsa = $1 ORDER BY h.id`,
        [closed.demandeRsa.numdemrsa],
      );
      expect([...new Set(history.map((r: { etatdosrsa: string }) => r.etatdosrsa))]).toEqual(['2', '6']);
    });

    it('nor does a reprise file, whose DTREF is the end of the period it covers', async () => {
      const [h] = [...generateHouseholds('reprise-after-dailies', 1, { kind: 'monthly', referenceDate: '2027-11-15' })].map((x) => ({ ...x, etatdosrsa: '2' }));
      const file = async (name: string, kind: 'daily' | 'reprise', list: GenHousehold[], date: string) => {
        await writeVrsbFile(join(t.dir, name), buildHeader('reprise-after-dailies', kind, date, { date, time: '21:00:00.0000' }), list);
        return importFile(join(t.dir, name));
      };
      await file('rad-1.xml', 'daily', [h], '2027-11-20');
      await file('rad-2.xml', 'daily', [{ ...h, etatdosrsa: '6' }], '2027-12-02');
      // Made on 10 December, DTREF 30 November.
      expect(await file('rad-3.xml', 'reprise', [h], '2027-12-10')).toMatchObject({ status: 'imported', olderIgnored: 1 });
      expect((await t.sql.query(`SELECT etatdosrsa FROM beneficiary_dossier WHERE numdemrsa = $1`, [h.demandeRsa.numdemrsa]))[0].etatdosrsa).toBe('6');
    });
  });

  describe('someone who comes back to the RSA with a new demand', () => {
    it('gets a new path, and a new 15-day clock, once the dossier of their open path has no open right', async () => {
      const [back, still] = [...generateHouseholds('new-demand', 30, { kind: 'daily', referenceDate: '2027-11-02' })].filter((h) =>
        h.persons.some((p) => p.prestations[1].rolepers === 'DEM' && isExpectedEntrant(h, p)),
      );
      const file = async (name: string, list: GenHousehold[], date: string) => {
        await writeVrsbFile(join(t.dir, name), buildHeader('new-demand', 'daily', date, { date, time: '21:00:00.0000' }), list);
        return importFile(join(t.dir, name));
      };
      const renumbered = (h: GenHousehold, numdemrsa: string, dtdemrsa: string): GenHousehold => ({ ...h, demandeRsa: { numdemrsa, dtdemrsa } });
      const pathsOf = (h: GenHousehold) =>
        t.sql.query(
          `SELECT p.status, p.close_reason, d.numdemrsa, to_char(p.notification_date, 'YYYY-MM-DD') AS notified, p.origin
             FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id
            WHERE p.person_id IN (SELECT m.person_id FROM beneficiary_member m JOIN beneficiary_dossier o ON o.id = m.dossier_id WHERE o.numdemrsa = $1 AND m.role_rsa = 'DEM')
            ORDER BY p.opened_at`,
          [h.demandeRsa.numdemrsa],
        );
      expect((await file('nd-1.xml', [back, still], '2027-11-02')).status).toBe('imported');
      // A daily file's first sight of a dossier is a new right, and a new entrant into rights and duties.
      const events = await t.sql.query(
        `SELECT e.kind FROM beneficiary_rights_event e JOIN beneficiary_dossier d ON d.id = e.dossier_id WHERE d.numdemrsa = $1 ORDER BY e.id`,
        [back.demandeRsa.numdemrsa],
      );
      expect(events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['right-opened', 'entered-rights-and-duties']));
      // The right of the first closes; the second keeps an open right.
      expect((await file('nd-2.xml', [{ ...back, etatdosrsa: '6' }], '2027-12-02')).status).toBe('imported');
      // Both come back in a new dossier of their own, months later.
      const returned = await file('nd-3.xml', [renumbered(back, '99000000001', '2028-03-01'), renumbered(still, '99000000002', '2028-03-01')], '2028-03-03');
      expect(returned.entrants).toBe(1);
      expect(await pathsOf(back)).toEqual([
        { status: 'closed', close_reason: 'new-demand', numdemrsa: back.demandeRsa.numdemrsa, notified: '2027-11-02', origin: 'flux' },
        { status: 'open', close_reason: null, numdemrsa: '99000000001', notified: '2028-03-03', origin: 'flux' },
      ]);
      // A dossier still open: the path stays, nobody is convened twice.
      expect(await pathsOf(still)).toEqual([{ status: 'open', close_reason: null, numdemrsa: still.demandeRsa.numdemrsa, notified: '2027-11-02', origin: 'flux' }]);
    });
  });

  describe('a NIR the CAF corrects within a dossier', () => {
    it('is the same person with the NIR updated and flagged, not a second person convened again', async () => {
      const [h] = [...generateHouseholds('nir-corrected', 30, { kind: 'daily', referenceDate: '2027-12-06' })].filter((x) =>
        x.persons.some((p) => p.prestations[1].rolepers === 'DEM' && isExpectedEntrant(x, p) && p.nir !== null && /^[1-4]/.test(p.nir)),
      );
      const dem = h.persons.find((p) => p.prestations[1].rolepers === 'DEM')!;
      const corrected = `${dem.nir!.slice(0, 10)}${String((Number(dem.nir!.slice(10, 13)) + 1) % 1000).padStart(3, '0')}`;
      const file = async (name: string, list: GenHousehold[], date: string) => {
        await writeVrsbFile(join(t.dir, name), buildHeader('nir-corrected', 'daily', date, { date, time: '21:00:00.0000' }), list);
        return importFile(join(t.dir, name));
      };
      expect((await file('nc-1.xml', [h], '2027-12-06')).entrants).toBeGreaterThan(0);
      const persons = () =>
        t.sql.query(`SELECT m.person_id FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id WHERE d.numdemrsa = $1 AND m.role_rsa = 'DEM'`, [h.demandeRsa.numdemrsa]);
      const [before] = await persons();
      const second = await file('nc-2.xml', [{ ...h, persons: h.persons.map((p) => (p === dem ? { ...p, nir: corrected } : p)) }], '2027-12-07');
      expect(second).toMatchObject({ status: 'imported', entrants: 0 });
      expect(await persons()).toEqual([before]);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_path WHERE person_id = $1 AND status = 'open'`, [before.person_id])).toBe(1);
      const kinds: { kind: string; person_id: string }[] = await t.sql.query(`SELECT kind, person_id FROM intake_anomaly WHERE file_id = $1`, [second.fileId]);
      expect(kinds).toEqual([{ kind: 'nir-changed-in-dossier', person_id: before.person_id }]);
      const vault = t.app.get(NirVault);
      const [{ nir_hash }] = await t.sql.query(`SELECT nir_hash FROM beneficiary_person WHERE id = $1`, [before.person_id]);
      expect(nir_hash).toBe(vault.lookupHash(corrected));
    });

    it('flags two members whose NIRs the CAF swapped: the same NIR under another name and birth date', async () => {
      const [h] = [...generateHouseholds('nir-swapped', 40, { kind: 'daily', referenceDate: '2027-12-06' })].filter(
        (x) => x.persons.filter((p) => ['DEM', 'CJT'].includes(p.prestations[1].rolepers) && p.nir !== null).length === 2,
      );
      const [a, b] = h.persons.filter((p) => ['DEM', 'CJT'].includes(p.prestations[1].rolepers));
      const path = join(t.dir, 'ns-1.xml');
      await writeVrsbFile(path, buildHeader('nir-swapped', 'daily', '2027-12-06', { date: '2027-12-06', time: '22:00:00.0000' }), [h]);
      await importFile(path);
      const swapped = join(t.dir, 'ns-2.xml');
      const list = [{ ...h, persons: h.persons.map((p) => (p === a ? { ...p, nir: b.nir } : p === b ? { ...p, nir: a.nir } : p)) }];
      await writeVrsbFile(swapped, buildHeader('nir-swapped', 'daily', '2027-12-07', { date: '2027-12-07', time: '22:00:00.0000' }), list);
      const report = await importFile(swapped);
      const kinds: { kind: string }[] = await t.sql.query(`SELECT kind FROM intake_anomaly WHERE file_id = $1`, [report.fileId]);
      expect(kinds.map((k) => k.kind)).toEqual(['identity-changed-in-dossier', 'identity-changed-in-dossier']);
    });
  });

  describe('someone back with a new demand, in a way the simple case does not show', () => {
    const entering = [...generateHouseholds('new-demand-more', 40, { kind: 'daily', referenceDate: '2028-01-04' })].filter((h) =>
      h.persons.some((p) => p.prestations[1].rolepers === 'DEM' && isExpectedEntrant(h, p)),
    );
    const file = async (name: string, list: GenHousehold[], date: string) => {
      await writeVrsbFile(join(t.dir, name), buildHeader('new-demand-more', 'daily', date, { date, time: '21:00:00.0000' }), list);
      return importFile(join(t.dir, name));
    };
    const demOf = (h: GenHousehold) => h.persons.find((p) => p.prestations[1].rolepers === 'DEM')!;
    const pathsOfNir = (nir: string) =>
      t.sql.query(
        `SELECT p.status, p.close_reason, d.numdemrsa, to_char(p.notification_date, 'YYYY-MM-DD') AS notified
           FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN beneficiary_person pe ON pe.id = p.person_id
          WHERE pe.nir_hash = $1 ORDER BY p.opened_at`,
        [t.app.get(NirVault).lookupHash(nir)],
      );

    it('written as a child first, then as the demandeur, in the new dossier: convened once, for the new demand', async () => {
      const h = entering[0];
      const dem = demOf(h);
      await file('ndm-1.xml', [h], '2028-01-04');
      await file('ndm-2.xml', [{ ...h, etatdosrsa: '6' }], '2028-02-04');
      const others = h.persons.filter((p) => p !== dem && p.prestations[1].rolepers !== 'CJT');
      const renewed: GenHousehold = {
        ...h,
        demandeRsa: { numdemrsa: '99000000011', dtdemrsa: '2028-06-01' },
        persons: [{ ...dem, prestations: [dem.prestations[0], { ...dem.prestations[1], rolepers: 'ENF' }] }, dem, ...others],
      };
      expect((await file('ndm-3.xml', [renewed], '2028-06-03')).entrants).toBe(1);
      expect(await pathsOfNir(dem.nir!)).toEqual([
        { status: 'closed', close_reason: 'new-demand', numdemrsa: h.demandeRsa.numdemrsa, notified: '2028-01-04' },
        { status: 'open', close_reason: null, numdemrsa: '99000000011', notified: '2028-06-03' },
      ]);
    });

    it('kept out for a time when they come back: the path opens for the new demand once that time is over', async () => {
      const h = entering[1];
      const dem = demOf(h);
      await file('ndx-1.xml', [h], '2028-01-04');
      await file('ndx-2.xml', [{ ...h, etatdosrsa: '6' }], '2028-02-04');
      const working = { ...dem, activites: [{ reg: null, act: 'SAL', ddact: '2028-05-01', dfact: '2028-06-30', natcontrtra: null, topcondadmeti: null }] };
      const renewed: GenHousehold = { ...h, demandeRsa: { numdemrsa: '99000000012', dtdemrsa: '2028-06-01' }, persons: h.persons.map((p) => (p === dem ? working : p)) };
      const during = await file('ndx-3.xml', [renewed], '2028-06-03');
      expect(during.nonEntries['in-employment']).toBe(1);
      // July: the contract is over; a file that does not even carry them lets them in.
      await file('ndx-4.xml', [entering[2]], '2028-07-03');
      expect(await pathsOfNir(dem.nir!)).toEqual([
        { status: 'closed', close_reason: 'new-demand', numdemrsa: h.demandeRsa.numdemrsa, notified: '2028-01-04' },
        { status: 'open', close_reason: null, numdemrsa: '99000000012', notified: '2028-07-03' },
      ]);
    });

    it('a new demand sent while the old one is still open: the path moves to it when the old right ends, though it is not sent again', async () => {
      const h = entering[3];
      const dem = demOf(h);
      await file('ndo-1.xml', [h], '2028-08-01');
      const renewed: GenHousehold = { ...h, demandeRsa: { numdemrsa: '99000000013', dtdemrsa: '2028-08-20' } };
      // Two open demands at once: the path stays on the first, the human is convened once.
      expect((await file('ndo-2.xml', [renewed], '2028-08-21')).entrants).toBe(0);
      expect(await pathsOfNir(dem.nir!)).toEqual([{ status: 'open', close_reason: null, numdemrsa: h.demandeRsa.numdemrsa, notified: '2028-08-01' }]);
      // The old right ends; the new dossier is not in that file.
      expect((await file('ndo-3.xml', [{ ...h, etatdosrsa: '6' }], '2028-09-02')).entrants).toBe(1);
      expect(await pathsOfNir(dem.nir!)).toEqual([
        { status: 'closed', close_reason: 'new-demand', numdemrsa: h.demandeRsa.numdemrsa, notified: '2028-08-01' },
        { status: 'open', close_reason: null, numdemrsa: '99000000013', notified: '2028-09-02' },
      ]);
    });

    it('a conjoint who separates and has a dossier of their own: the path follows them once they leave the old household', async () => {
      // A couple whose conjoint enters, and the conjoint's own dossier as its demandeur.
      const couple = (seed: string) => {
        const [h] = [...generateHouseholds(seed, 60, { kind: 'daily', referenceDate: '2028-10-02' })].filter((x) =>
          x.persons.some((p) => p.prestations[1].rolepers === 'CJT' && isExpectedEntrant(x, p) && p.nir !== null),
        );
        const cjt = h.persons.find((p) => p.prestations[1].rolepers === 'CJT')!;
        const own = (numdemrsa: string, dtdemrsa: string): GenHousehold => ({
          ...h,
          demandeRsa: { numdemrsa, dtdemrsa },
          persons: [{ ...cjt, prestations: [cjt.prestations[0], { ...cjt.prestations[1], rolepers: 'DEM' }] }],
        });
        return { h, cjt, own };
      };

      const dropped = couple('left-household');
      await file('lh-1.xml', [dropped.h], '2028-10-02');
      // Their own dossier first, while the old household still lists them.
      expect((await file('lh-2.xml', [dropped.own('99000000014', '2028-10-20')], '2028-10-21')).entrants).toBe(0);
      // The old household without them, its right still open.
      expect((await file('lh-3.xml', [{ ...dropped.h, persons: dropped.h.persons.filter((p) => p !== dropped.cjt) }], '2028-11-02')).entrants).toBe(1);
      expect(await pathsOfNir(dropped.cjt.nir!)).toEqual([
        { status: 'closed', close_reason: 'left-household', numdemrsa: dropped.h.demandeRsa.numdemrsa, notified: '2028-10-02' },
        { status: 'open', close_reason: null, numdemrsa: '99000000014', notified: '2028-11-02' },
      ]);

      // Another couple: the CAF keeps the conjoint in the old household with an end of attachment (DFRATDOS).
      const ended = couple('left-household-dfratdos');
      await file('lh-4.xml', [ended.h], '2028-11-03');
      expect((await file('lh-5.xml', [ended.own('99000000015', '2028-11-10')], '2028-11-11')).entrants).toBe(0);
      const withEnd = { ...ended.h, persons: ended.h.persons.map((p) => (p === ended.cjt ? { ...p, dfratdos: '2028-11-30' } : p)) };
      expect((await file('lh-6.xml', [withEnd], '2028-12-01')).entrants).toBe(1);
      expect(await pathsOfNir(ended.cjt.nir!)).toEqual([
        { status: 'closed', close_reason: 'left-household', numdemrsa: ended.h.demandeRsa.numdemrsa, notified: '2028-11-03' },
        { status: 'open', close_reason: null, numdemrsa: '99000000015', notified: '2028-12-01' },
      ]);
    });
  });

  describe('rights events', () => {
    it('tells a person entered rights and duties when the right they were flagged for opens', async () => {
      const [h] = [...generateHouseholds('rights-events', 20, { kind: 'daily', referenceDate: '2028-04-20' })].filter(
        (x) => x.etatdosrsa === '2' && x.persons.some((p) => p.prestations[1].rolepers === 'DEM' && p.montantCalculDroit?.toppersdrodevorsa === true),
      );
      expect(h).toBeDefined();
      const file = async (name: string, household: GenHousehold, day: string) => {
        await writeVrsbFile(join(t.dir, name), buildHeader('rights-events', 'daily', day, { date: day, time: '21:00:00.0000' }), [household]);
        return importFile(join(t.dir, name));
      };
      const events = () =>
        t.sql.query(
          `SELECT e.kind, e.person_id IS NOT NULL AS personal FROM beneficiary_rights_event e JOIN beneficiary_dossier d ON d.id = e.dossier_id WHERE d.numdemrsa = $1 ORDER BY e.id`,
          [h.demandeRsa.numdemrsa],
        ) as Promise<{ kind: string; personal: boolean }[]>;
      // Being examined (ETATDOSRSA 0), already flagged: no right yet, no entry.
      await file('re-1.xml', { ...h, etatdosrsa: '0' }, '2028-04-20');
      expect(await events()).toEqual([]);
      // The right opens: a right opened, and the demandeur enters rights and duties.
      await file('re-2.xml', h, '2028-04-21');
      const after = await events();
      expect(after.filter((e) => !e.personal).map((e) => e.kind)).toEqual(['right-opened']);
      expect(after.filter((e) => e.personal && e.kind === 'entered-rights-and-duties').length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('anomalies a later file raises again', () => {
    it('records each anomaly once, again only when a review said a later file corrected it', async () => {
      const [h] = [...generateHouseholds('anomaly-repeats', 20, { kind: 'daily', referenceDate: '2028-05-02' })].filter((x) =>
        x.persons.some((p) => p.prestations[1].rolepers === 'DEM' && p.nir !== null && p.nir.length === 13),
      );
      const dem = h.persons.find((p) => p.prestations[1].rolepers === 'DEM')!;
      const key = Number(nirKey(dem.nir!));
      const badKey = `${dem.nir}${String(key === 97 ? 1 : key + 1).padStart(2, '0')}`;
      // Each file sends the household changed (another second first name), the NIR's key still wrong.
      const sent = (prenom2: string): GenHousehold => ({ ...h, persons: h.persons.map((p) => (p === dem ? { ...p, nir: badKey, prenom2 } : p)) });
      const file = async (name: string, household: GenHousehold, day: string) => {
        await writeVrsbFile(join(t.dir, name), buildHeader('anomaly-repeats', 'daily', day, { date: day, time: '21:00:00.0000' }), [household]);
        return importFile(join(t.dir, name));
      };
      const recorded = () =>
        t.sql.query(`SELECT id::text, status FROM intake_anomaly WHERE kind = 'invalid-nir' AND numdemrsa = $1 ORDER BY id`, [h.demandeRsa.numdemrsa]) as Promise<{ id: string; status: string }[]>;
      const review = (id: string, resolution: string) => t.app.get(AnomalyReview).resolve(systemActor('test:review', 'cli', [Permission.IntakeReview]), id, resolution);

      const first = await file('ar-1.xml', sent('ANNE'), '2028-05-02');
      expect(first.anomaliesAlreadyRecorded).toBe(0);
      const [anomaly] = await recorded();
      expect(anomaly).toMatchObject({ status: 'open' });
      // Open: the next file's copy is counted, not stored.
      const second = await file('ar-2.xml', sent('BRIGITTE'), '2028-05-03');
      expect(second.households.updated).toBe(1);
      expect(second.anomaliesAlreadyRecorded).toBeGreaterThanOrEqual(1);
      expect(second.anomalies).toBe(first.anomalies - second.anomaliesAlreadyRecorded);
      expect(await recorded()).toEqual([anomaly]);
      // Reviewed as corrected by a later file, yet back: recorded again, to be looked at again.
      await review(anomaly.id, 'corrected-by-later-file');
      await file('ar-3.xml', sent('CLAIRE'), '2028-05-04');
      const [, again] = await recorded();
      expect(again).toMatchObject({ status: 'open' });
      // Reviewed otherwise: the review stands, nothing is asked twice.
      await review(again.id, 'not-an-anomaly');
      const fourth = await file('ar-4.xml', sent('DANIELLE'), '2028-05-05');
      expect(fourth.anomaliesAlreadyRecorded).toBeGreaterThanOrEqual(1);
      expect((await recorded()).map((a) => a.id)).toEqual([anomaly.id, again.id]);
    });
  });

  describe('a NIR already known, with another birth date, in another dossier', () => {
    /**
     * Households of `seed` whose demandeur enters (the first imported on `date`), and the second's
     * demandeur given the first's NIR with a day off in the birth date, alone in their household.
     */
    const sameNirPair = async (seed: string, date: string) => {
      const [h, other, ...rest] = [...generateHouseholds(seed, 40, { kind: 'daily', referenceDate: date })].filter((x) =>
        x.persons.some((p) => p.prestations[1].rolepers === 'DEM' && isExpectedEntrant(x, p) && p.nir !== null),
      );
      const dem = h.persons.find((p) => p.prestations[1].rolepers === 'DEM')!;
      const file = async (name: string, list: GenHousehold[], day: string) => {
        await writeVrsbFile(join(t.dir, name), buildHeader(seed, 'daily', day, { date: day, time: '21:00:00.0000' }), list);
        return importFile(join(t.dir, name));
      };
      await file(`${seed}-1.xml`, [h], date);
      const otherDem = other.persons.find((p) => p.prestations[1].rolepers === 'DEM')!;
      const dtnai = `${dem.dtnai.slice(0, 8)}${String(((Number(dem.dtnai.slice(8, 10)) % 27) + 1)).padStart(2, '0')}`;
      const conflicting: GenHousehold = { ...other, persons: other.persons.filter((p) => p.prestations[1].rolepers !== 'CJT').map((p) => (p === otherDem ? { ...p, nir: dem.nir, dtnai } : p)) };
      return { h, dem, conflicting, file, rest };
    };

    it('is kept as a second person to review, but the human is convened once', async () => {
      const { h, dem, conflicting, file } = await sameNirPair('same-nir', '2028-02-07');
      // The same NIR as the demandeur of another household, a day off in the birth date.
      const second = await file('sn-2.xml', [conflicting], '2028-02-08');
      expect(second.nonEntries['same-nir-to-review']).toBe(1);
      const kinds: { kind: string }[] = await t.sql.query(`SELECT kind FROM intake_anomaly WHERE file_id = $1`, [second.fileId]);
      expect(kinds.map((k) => k.kind)).toContain('nir-birthdate-conflict');
      const openPaths = () => count(`SELECT count(*) AS n FROM beneficiary_path p JOIN beneficiary_person pe ON pe.id = p.person_id WHERE pe.nir_hash = $1 AND p.status = 'open'`, [t.app.get(NirVault).lookupHash(dem.nir!)]);
      expect(await openPaths()).toBe(1);
      // Later files about the second dossier do not let it in either while the first path is live.
      const third = await file('sn-3.xml', [{ ...conflicting, etatdosrsa: '3' }], '2028-02-15');
      expect(third.nonEntries['same-nir-to-review']).toBe(1);
      expect(await openPaths()).toBe(1);
      // The first one leaves their household (an end of attachment): their path is no longer where
      // they are followed, so the second record now enters; the human is still followed once.
      const left = await file('sn-4.xml', [{ ...h, persons: h.persons.map((p) => (p === dem ? { ...p, dfratdos: '2028-02-20' } : p)) }], '2028-02-21');
      expect(left.nonEntries['left-household']).toBe(1);
      const fourth = await file('sn-5.xml', [{ ...conflicting, etatdosrsa: '2' }], '2028-02-22');
      expect(fourth.nonEntries['same-nir-to-review']).toBeUndefined();
      expect(fourth.entrants).toBe(1);
      // One path where the human is followed: the second record's, in the dossier they are in.
      const followed: { numdemrsa: string; notification_date: string }[] = await t.sql.query(
        `SELECT d.numdemrsa, to_char(p.notification_date, 'YYYY-MM-DD') AS notification_date
           FROM beneficiary_path p JOIN beneficiary_person pe ON pe.id = p.person_id JOIN beneficiary_dossier d ON d.id = p.dossier_id
           JOIN beneficiary_member m ON m.dossier_id = p.dossier_id AND m.person_id = p.person_id
          WHERE pe.nir_hash = $1 AND p.status = 'open' AND m.detached_at IS NULL AND (m.dfratdos IS NULL OR m.dfratdos > '2028-02-22')`,
        [t.app.get(NirVault).lookupHash(dem.nir!)],
      );
      expect(followed).toEqual([{ numdemrsa: conflicting.demandeRsa.numdemrsa, notification_date: '2028-02-22' }]);
    });

    it('keeps the second record out when the job that kept it out ends, while the first path is live', async () => {
      const { dem, conflicting, file, rest: [unrelated] } = await sameNirPair('same-nir-recheck', '2028-04-03');
      const otherDem = conflicting.persons.find((p) => p.prestations[1].rolepers === 'DEM')!;
      // In work until 10 April: kept out for a time, decided again when the job ends.
      const working: GenHousehold = {
        ...conflicting,
        persons: conflicting.persons.map((p) => (p === otherDem ? { ...p, activites: [{ reg: 'GE', act: 'SAL', ddact: '2028-01-05', dfact: '2028-04-10', natcontrtra: null, topcondadmeti: null }] } : p)),
      };
      const second = await file('snr-2.xml', [working], '2028-04-04');
      expect(second.nonEntries['in-employment']).toBe(1);
      const hash = t.app.get(NirVault).lookupHash(dem.nir!);
      const openPaths = () => count(`SELECT count(*) AS n FROM beneficiary_path p JOIN beneficiary_person pe ON pe.id = p.person_id WHERE pe.nir_hash = $1 AND p.status = 'open'`, [hash]);
      expect(await openPaths()).toBe(1);
      // A file after the job's end, about someone else: the job no longer keeps them out, the NIR held elsewhere still does.
      const next = await file('snr-3.xml', [unrelated], '2028-04-12');
      expect(next.nonEntries['same-nir-to-review']).toBe(1);
      expect(await openPaths()).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_member m JOIN beneficiary_person pe ON pe.id = m.person_id WHERE pe.nir_hash = $1 AND m.entry_recheck_on IS NOT NULL`, [hash])).toBe(0);
    });

    it('lets the second person in once an operator finds the two distinct, at the next import whatever it carries', async () => {
      const { h, dem, conflicting, file, rest: [unrelated] } = await sameNirPair('same-nir-distinct', '2028-03-06');
      const second = await file('snd-2.xml', [conflicting], '2028-03-07');
      expect(second.nonEntries['same-nir-to-review']).toBe(1);
      const [anomaly]: { id: string; person_id: string }[] = await t.sql.query(
        `SELECT id::text, person_id FROM intake_anomaly WHERE file_id = $1 AND kind = 'nir-birthdate-conflict'`,
        [second.fileId],
      );
      const reviewer = systemActor('test:review', 'cli', [Permission.IntakeReview]);
      const resolved = await t.app.get(AnomalyReview).resolve(reviewer, anomaly.id, 'distinct-persons');
      expect(resolved).toMatchObject({ status: 'resolved', sameHuman: null });
      const pathsOf = (personId: string) => count(`SELECT count(*) AS n FROM beneficiary_path WHERE person_id = $1 AND status = 'open'`, [personId]);
      expect(await pathsOf(anomaly.person_id)).toBe(0);
      // The next import, about someone else entirely: the second person enters, dated by it; the first keeps theirs.
      const next = await file('snd-3.xml', [unrelated], '2028-03-08');
      expect(next.entrants).toBeGreaterThanOrEqual(2);
      expect(await pathsOf(anomaly.person_id)).toBe(1);
      const [{ n: holderPaths }] = await t.sql.query(
        `SELECT count(*)::int AS n FROM beneficiary_path p JOIN beneficiary_person pe ON pe.id = p.person_id WHERE pe.nir_hash = $1 AND p.status = 'open' AND pe.id <> $2`,
        [t.app.get(NirVault).lookupHash(dem.nir!), anomaly.person_id],
      );
      expect(holderPaths).toBe(1);
      // Later files about either dossier keep both: two people, each followed.
      const again = await file('snd-4.xml', [{ ...conflicting, etatdosrsa: '3' }, { ...h, etatdosrsa: '3' }], '2028-03-15');
      expect(again.nonEntries['same-nir-to-review']).toBeUndefined();
      expect(await pathsOf(anomaly.person_id)).toBe(1);
    });

    it('keeps the second record out again once the finding that they were two is undone', async () => {
      const { conflicting, file, rest: [unrelated] } = await sameNirPair('same-nir-reopen', '2028-06-05');
      const second = await file('snu-2.xml', [conflicting], '2028-06-06');
      const [anomaly]: { id: string; person_id: string }[] = await t.sql.query(
        `SELECT id::text, person_id FROM intake_anomaly WHERE file_id = $1 AND kind = 'nir-birthdate-conflict'`,
        [second.fileId],
      );
      const review = t.app.get(AnomalyReview);
      const reviewer = systemActor('test:review', 'cli', [Permission.IntakeReview]);
      await review.resolve(reviewer, anomaly.id, 'distinct-persons');
      expect(await review.reopen(reviewer, anomaly.id)).toMatchObject({ status: 'open', previousResolution: 'distinct-persons', unlinked: null, distinctDespiteNirUndone: true });
      // The next import decides their entry again (the review asked for it), and keeps them out: the NIR's holder is followed.
      const next = await file('snu-3.xml', [unrelated], '2028-06-07');
      expect(next.nonEntries['same-nir-to-review']).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM beneficiary_path WHERE person_id = $1`, [anomaly.person_id])).toBe(0);
    });
  });
});
