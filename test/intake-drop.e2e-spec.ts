import { cliActor } from '@rsa/access';
import { DropFolderImporter } from '@rsa/intake';
import { generateCafFile } from '@rsa/testing';
import { chmodSync, existsSync, statSync, utimesSync } from 'node:fs';
// The module object itself (not an ES-module copy of it), so that a spy on it is what the importer calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import fsPromises = require('node:fs/promises');
import { join } from 'node:path';
import { intakeTest } from './support/intake-context';

/** The nightly pick-up: settled files only, oldest header first, then done/ or failed/. */
describe('drop-folder import', () => {
  // The test's directory is the drop folder.
  const t = intakeTest('rsa-drop-', (config, dir) => config.with({ intake: { ...config.intake, dropDir: dir } }));

  const settle = (path: string) => utimesSync(path, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));

  it('imports settled files in header order, files them under done/ and failed/, and leaves fresh ones', async () => {
    // Names sort the opposite way to the headers: the header must decide.
    const later = await generateCafFile({ households: 20, kind: 'daily', seed: 'drop-daily', out: join(t.dir, 'A_daily.xml'), date: '2026-11-21', time: '21:00:00.0000' });
    const earlier = await generateCafFile({ households: 20, kind: 'monthly', seed: 'drop-monthly', out: join(t.dir, 'Z_monthly.xml'), date: '2026-11-04', time: '01:00:00.0000' });
    const broken = await generateCafFile({ households: 5, kind: 'daily', seed: 'drop-bad', out: join(t.dir, 'M_broken.xml'), date: '2026-11-10', faults: ['count-mismatch'] });
    const fresh = await generateCafFile({ households: 5, kind: 'daily', seed: 'drop-fresh', out: join(t.dir, 'B_fresh.xml'), date: '2026-11-22' });
    for (const m of [later, earlier, broken]) settle(m.path);
    // As the CAF's transfer may leave them: readable by anyone on the host.
    for (const m of [later, earlier, broken]) chmodSync(m.path, 0o644);

    const result = await t.app.get(DropFolderImporter).run(cliActor('intake-import'));

    expect(result.files.map((f) => [f.name, f.status])).toEqual([
      ['Z_monthly.xml', 'imported'],
      ['M_broken.xml', 'rejected'],
      ['A_daily.xml', 'imported'],
    ]);
    expect(existsSync(join(t.dir, 'done', 'Z_monthly.xml'))).toBe(true);
    expect(existsSync(join(t.dir, 'done', 'A_daily.xml'))).toBe(true);
    expect(existsSync(join(t.dir, 'failed', 'M_broken.xml'))).toBe(true);
    expect(existsSync(fresh.path)).toBe(true);
    // What it leaves, it says.
    expect(result.skipped).toEqual(expect.arrayContaining([{ name: 'B_fresh.xml', reason: 'settling' }]));
    // Taken in, they hold personal data: the service's account only.
    for (const kept of [join(t.dir, 'done', 'Z_monthly.xml'), join(t.dir, 'done', 'A_daily.xml'), join(t.dir, 'failed', 'M_broken.xml')]) {
      expect(statSync(kept).mode & 0o777).toBe(0o600);
    }

    const rows: { original_name: string; storage_path: string; status: string }[] = await t.sql.query(
      `SELECT original_name, storage_path, status FROM intake_file ORDER BY started_at`,
    );
    expect(rows.map((r) => r.original_name)).toEqual(['Z_monthly.xml', 'M_broken.xml', 'A_daily.xml']);
    expect(rows.find((r) => r.original_name === 'A_daily.xml')?.storage_path).toBe(join(t.dir, 'done', 'A_daily.xml'));
  });

  it('files the same bytes dropped again under done/ as a duplicate', async () => {
    const copy = await generateCafFile({ households: 20, kind: 'daily', seed: 'drop-daily', out: join(t.dir, 'A_daily_again.xml'), date: '2026-11-21', time: '21:00:00.0000' });
    settle(copy.path);
    const result = await t.app.get(DropFolderImporter).run(cliActor('intake-import'));
    expect(result.files.filter((f) => f.name === 'A_daily_again.xml')).toEqual([expect.objectContaining({ status: 'duplicate', movedTo: join(t.dir, 'done', 'A_daily_again.xml') })]);
  });

  it('says a file it could not move was imported, keeps the registry on where the file is, and moves it at the next run', async () => {
    const stuck = await generateCafFile({ households: 10, kind: 'daily', seed: 'drop-stuck', out: join(t.dir, 'S_stuck.xml'), date: '2026-11-24', time: '21:00:00.0000' });
    settle(stuck.path);
    const storagePath = async () => (await t.sql.query(`SELECT storage_path FROM intake_file WHERE original_name = 'S_stuck.xml'`))[0].storage_path as string;
    // The service's account may read the drop folder but not move files out of it (the transfer's account owns them).
    const refused = Object.assign(new Error(`EPERM: operation not permitted, rename '${stuck.path}'`), { code: 'EPERM' });
    const rename = jest.spyOn(fsPromises, 'rename').mockRejectedValue(refused);
    let first;
    try {
      first = await t.app.get(DropFolderImporter).run(cliActor('intake-import'));
    } finally {
      rename.mockRestore();
    }
    expect(first.files).toEqual([
      { name: 'S_stuck.xml', fileId: expect.any(String), status: 'imported', movedTo: stuck.path, moved: false, error: expect.stringContaining('handled, left in the drop folder: EPERM') },
    ]);
    expect(await storagePath()).toBe(stuck.path);
    expect(existsSync(stuck.path)).toBe(true);

    // Once the folder is put right, the next run answers the bytes as a duplicate and moves them, the registry with them.
    const second = await t.app.get(DropFolderImporter).run(cliActor('intake-import'));
    expect(second.files).toEqual([
      { name: 'S_stuck.xml', fileId: first.files[0].fileId, status: 'duplicate', movedTo: join(t.dir, 'done', 'S_stuck.xml'), moved: true, error: null },
    ]);
    expect(await storagePath()).toBe(join(t.dir, 'done', 'S_stuck.xml'));
  });

  it('runs one drop-folder import at a time: a second run waits, then finds nothing left, and no file reads as failed', async () => {
    for (const seed of ['drop-race-1', 'drop-race-2', 'drop-race-3']) {
      settle((await generateCafFile({ households: 30, kind: 'daily', seed, out: join(t.dir, `${seed}.xml`), date: '2026-11-23' })).path);
    }
    const importer = t.app.get(DropFolderImporter);
    const [one, two] = await Promise.all([importer.run(cliActor('intake-import')), importer.run(cliActor('intake-import'))]);
    const all = [...one.files, ...two.files];
    expect(all.filter((f) => f.name.startsWith('drop-race-')).map((f) => [f.name, f.status]).sort()).toEqual([
      ['drop-race-1.xml', 'imported'],
      ['drop-race-2.xml', 'imported'],
      ['drop-race-3.xml', 'imported'],
    ]);
    expect(all.some((f) => f.status === 'failed')).toBe(false);
    expect(await t.sql.query(`SELECT original_name FROM intake_file WHERE original_name LIKE 'drop-race-%' ORDER BY 1`)).toHaveLength(3);
  });

  it('keeps the registry copy of rejected bytes dropped again', async () => {
    const bad = await generateCafFile({ households: 5, kind: 'daily', seed: 'drop-bad', out: join(t.dir, 'M_broken_again.xml'), date: '2026-11-10', faults: ['count-mismatch'] });
    settle(bad.path);
    const result = await t.app.get(DropFolderImporter).run(cliActor('intake-import'));
    expect(result.files.filter((f) => f.name === 'M_broken_again.xml')).toEqual([expect.objectContaining({ status: 'rejected', movedTo: join(t.dir, 'failed', 'M_broken_again.xml') })]);
    const [row] = await t.sql.query(`SELECT storage_path FROM intake_file WHERE original_name = 'M_broken.xml'`);
    expect(row.storage_path).toBe(join(t.dir, 'failed', 'M_broken.xml'));
  });
});
