import type { ImportReport } from '@rsa/intake';
import { ManualClock } from '@rsa/kernel';
import { generateCafFile } from '@rsa/testing';
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

  it('refuses a year typed wrong, whatever the time of day', async () => {
    const typo = await daily('future-typo', '2062-03-11', '01:10:00.0000');
    const report = await importFile(typo.path);
    expect(report).toMatchObject({ status: 'rejected', fileError: { code: 'FUTURE_DATED' } });
    expect(report.fileError?.message).toContain('2062-03-11 01:10');
    expect(await registry(report.fileId)).toMatchObject({ status: 'rejected', error_code: 'FUTURE_DATED' });
  });
});
