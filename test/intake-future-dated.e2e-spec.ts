import type { ImportReport } from '@rsa/intake';
import { ManualClock } from '@rsa/kernel';
import { generateCafFile } from '@rsa/testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { intakeTest } from './support/intake-context';

/**
 * A header dated later than now is refused (FUTURE_DATED), with the production margin of two hours
 * (the test configuration widens it, since the other test files are dated years ahead of the real
 * clock). Once its date has come, the same bytes are examined again, not taken as a duplicate.
 */
describe('CAF file intake: a header dated in the future', () => {
  const clock = new ManualClock('2027-03-10T12:00:00+01:00');
  const t = intakeTest('rsa-intake-future-', (config) => config.with({ intake: { ...config.intake, headerMaxAheadMs: 120 * 60_000 } }), clock);
  const importFile = (path: string): Promise<ImportReport> => t.importer.import({ path, channel: 'cli' });
  const dossiers = async (): Promise<number> => Number((await t.sql.query(`SELECT count(*)::int AS n FROM beneficiary_dossier`))[0].n);
  const registry = async (fileId: string) =>
    (await t.sql.query(`SELECT status, error_code, kind FROM intake_file WHERE id = $1`, [fileId]))[0] as { status: string; error_code: string | null; kind: string | null };
  const daily = (seed: string, date: string, time: string) =>
    generateCafFile({ households: 20, kind: 'daily', seed, out: join(t.dir, `${seed}.xml`), date, time, referenceDate: '2027-03-09', manifestDetail: false });

  it('refuses a file made more than two hours from now, commits nothing, and says which date and why', async () => {
    const later = await daily('future-today', '2027-03-10', '14:30:00.0000');
    const report = await importFile(later.path);
    expect(report).toMatchObject({ status: 'rejected', kind: 'daily', fileError: { code: 'FUTURE_DATED' } });
    expect(report.fileError?.message).toBe(
      'IdentificationFlux dates the file 2027-03-10 14:30 (DTCREAFLUX, HEUCREAFLUX, Paris time), after now (2027-03-10 12:00): ' +
        'a file cannot be made in the future; ask the CAF for the file with its real date',
    );
    expect(report.households.total).toBe(0);
    expect(await dossiers()).toBe(0);
    expect(await registry(report.fileId)).toEqual({ status: 'rejected', error_code: 'FUTURE_DATED', kind: 'daily' });

    // The same bytes before their time: refused again, not answered from the registry as a duplicate.
    clock.set('2027-03-10T12:25:00+01:00');
    const again = await importFile(later.path);
    expect(again).toMatchObject({ status: 'rejected', fileId: report.fileId, fileError: { code: 'FUTURE_DATED' } });
    expect(again.duplicateOf).toBeNull();

    // Its time has come (within the margin): imported under the same registry entry, the fault cleared.
    clock.set('2027-03-10T12:45:00+01:00');
    const imported = await importFile(later.path);
    expect(imported).toMatchObject({ status: 'imported', fileId: report.fileId, fileError: null });
    expect(imported.households.created).toBe(later.totals.distinctDossiers);
    expect(await registry(report.fileId)).toEqual({ status: 'imported', error_code: null, kind: 'daily' });
    // And now it is a duplicate like any imported file.
    expect(await importFile(later.path)).toMatchObject({ status: 'duplicate', duplicateOf: report.fileId });
  });

  it('accepts a file made within the margin of now', async () => {
    clock.set('2027-03-11T08:00:00+01:00');
    const report = await importFile((await daily('future-margin', '2027-03-11', '09:55:00.0000')).path);
    expect(report).toMatchObject({ status: 'imported', fileError: null });
  });

  it('reads a time zone HEUCREAFLUX gives (xsd:time allows one), and Paris time when it gives none', async () => {
    clock.set('2027-03-12T12:00:00+01:00');
    // 12:30 at UTC-3 is 16:30 in Paris: four and a half hours ahead, though "12:30" read as Paris time would pass.
    const zoned = await daily('future-zoned', '2027-03-12', '12:30:00.0000');
    writeFileSync(zoned.path, readFileSync(zoned.path, 'latin1').replace('<HEUCREAFLUX>12:30:00.0000</HEUCREAFLUX>', '<HEUCREAFLUX>12:30:00-03:00</HEUCREAFLUX>'), 'latin1');
    const refused = await importFile(zoned.path);
    expect(refused.fileError).toMatchObject({ code: 'FUTURE_DATED', message: expect.stringContaining('2027-03-12 16:30 (DTCREAFLUX, HEUCREAFLUX, Paris time)') });

    // 09:30 UTC is 10:30 in Paris: the registry orders it by that instant.
    const utc = await daily('zoned-utc', '2027-03-12', '09:30:00.0000');
    writeFileSync(utc.path, readFileSync(utc.path, 'latin1').replace('<HEUCREAFLUX>09:30:00.0000</HEUCREAFLUX>', '<HEUCREAFLUX>09:30:00Z</HEUCREAFLUX>'), 'latin1');
    const imported = await importFile(utc.path);
    expect(imported).toMatchObject({ status: 'imported', fileError: null });
    const [row] = await t.sql.query(`SELECT flux_at, header->>'heuCreaFluxZone' AS zone FROM intake_file WHERE id = $1`, [imported.fileId]);
    expect({ fluxAt: (row.flux_at as Date).toISOString(), zone: row.zone }).toEqual({ fluxAt: '2027-03-12T09:30:00.000Z', zone: 'Z' });
    const plain = await importFile((await daily('zoned-none', '2027-03-12', '09:45:00.0000')).path);
    const [other] = await t.sql.query(`SELECT flux_at FROM intake_file WHERE id = $1`, [plain.fileId]);
    expect((other.flux_at as Date).toISOString()).toBe('2027-03-12T08:45:00.000Z');
  });

  it('reads HEUCREAFLUX 24:00:00 as the end of its day: the next midnight orders it, its own date notifies', async () => {
    clock.set('2027-03-14T12:00:00+01:00');
    const end = await daily('end-of-day', '2027-03-13', '23:00:00.0000');
    writeFileSync(end.path, readFileSync(end.path, 'latin1').replace('<HEUCREAFLUX>23:00:00.0000</HEUCREAFLUX>', '<HEUCREAFLUX>24:00:00</HEUCREAFLUX>'), 'latin1');
    const report = await importFile(end.path);
    expect(report).toMatchObject({ status: 'imported', fileError: null, entrants: end.totals.expectedEntrants });
    const [row] = await t.sql.query(`SELECT flux_at, header->>'heuCreaFlux' AS time FROM intake_file WHERE id = $1`, [report.fileId]);
    // Midnight of the 14th in Paris (UTC+1 in March before the change).
    expect({ fluxAt: (row.flux_at as Date).toISOString(), time: row.time }).toEqual({ fluxAt: '2027-03-13T23:00:00.000Z', time: '24:00:00.000000' });
    const dates = await t.sql.query(
      `SELECT DISTINCT to_char(p.notification_date, 'YYYY-MM-DD') AS day FROM beneficiary_path p JOIN beneficiary_rights_history h ON h.person_id = p.person_id AND h.file_id = $1`,
      [report.fileId],
    );
    expect(dates).toEqual([{ day: '2027-03-13' }]);
    // Any other hour 24 is still not a time.
    const wrong = await daily('end-of-day-wrong', '2027-03-13', '22:00:00.0000');
    writeFileSync(wrong.path, readFileSync(wrong.path, 'latin1').replace('<HEUCREAFLUX>22:00:00.0000</HEUCREAFLUX>', '<HEUCREAFLUX>24:00:01</HEUCREAFLUX>'), 'latin1');
    expect((await importFile(wrong.path)).fileError).toEqual({ code: 'INVALID_HEADER', message: 'IdentificationFlux/HEUCREAFLUX is not a time' });
  });

  it('refuses a year typed wrong, whatever the time of day', async () => {
    const typo = await daily('future-typo', '2062-03-11', '01:10:00.0000');
    const report = await importFile(typo.path);
    expect(report).toMatchObject({ status: 'rejected', fileError: { code: 'FUTURE_DATED' } });
    expect(report.fileError?.message).toContain('2062-03-11 01:10');
    expect(await registry(report.fileId)).toMatchObject({ status: 'rejected', error_code: 'FUTURE_DATED' });
  });
});
