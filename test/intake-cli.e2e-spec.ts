import { generateCafFile, createTestDatabase, type TestDatabase } from '@rsa/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '@rsa/platform';
import { runCli } from '../apps/cli/src/cli';

/** `npm run --silent cli -- intake:import <file> [--json]`: the JSON contract and the exit codes. */
describe('intake CLI', () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    dir = mkdtempSync(join(tmpdir(), 'rsa-cli-'));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } }, db.config);
    return { code, stdout, stderr };
  };

  it('imports with --json: one JSON object with the documented fields, exit 0; the same file again is a duplicate, exit 0', async () => {
    const manifest = await generateCafFile({ households: 30, kind: 'daily', seed: 'cli-1', out: join(dir, 'daily.xml'), date: '2026-11-20', faults: ['invalid-date'] });
    const first = await run('intake:import', manifest.path, '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(report).toMatchObject({
      fileId: expect.any(String),
      status: 'imported',
      kind: 'daily',
      households: { total: manifest.totals.distinctDossiers, created: manifest.totals.distinctDossiers - 1, updated: 0, unchanged: 0, rejected: 1 },
      persons: { total: expect.any(Number), created: expect.any(Number), updated: 0, unchanged: 0, rejected: expect.any(Number) },
      entrants: manifest.totals.expectedEntrants,
      anomalies: expect.any(Number),
      fileError: null,
    });
    expect(report.rejects).toEqual([expect.objectContaining({ path: expect.stringContaining('DTNAI'), message: expect.any(String), numdemrsa: expect.any(String) })]);

    const again = await run('intake:import', manifest.path, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'duplicate', fileId: report.fileId });
  });

  it('exits 3 with the reason when the file is rejected', async () => {
    const manifest = await generateCafFile({ households: 5, kind: 'daily', seed: 'cli-bad', out: join(dir, 'bad.xml'), faults: ['truncated'] });
    const result = await run('intake:import', manifest.path, '--json');
    expect(result.code).toBe(3);
    const first = JSON.parse(result.stdout);
    expect(first).toMatchObject({ status: 'rejected', fileError: { code: 'TRUNCATED', message: expect.not.stringMatching(/^TRUNCATED/) } });
    // Sent again, the same bytes are still a rejected file, not a success.
    const again = await run('intake:import', manifest.path, '--json');
    expect(again.code).toBe(3);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'rejected', duplicateOf: first.fileId, fileError: first.fileError });
  });

  it('prints a readable summary without --json', async () => {
    const manifest = await generateCafFile({ households: 5, kind: 'monthly', seed: 'cli-text', out: join(dir, 'text.xml') });
    const result = await run('intake:import', manifest.path);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/imported \(monthly\)/);
    expect(result.stdout).toMatch(/households: 5 \(created 5/);
  });

  it.each([
    [['intake:import'], /exactly one file/],
    [['intake:import', '/no/such/file.xml'], /no such file/],
    [['intake:import', 'a.xml', '--jsno'], /Unknown option '--jsno'/],
    [['intake:import', 'a.xml', '--apply'], /does not take --apply/],
    [['intake:nope'], /unknown command/],
    [[], /no command/],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const result = await run(...(argv as string[]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/usage:/);
  });

  it('says a folder is not a file, and answers --json with an error object on a usage error', async () => {
    const folder = await run('intake:import', tmpdir());
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/not a file/);
    const json = await run('intake:import', '/no/such/file.xml', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'USAGE', message: 'no such file: /no/such/file.xml' } });
  });
  // The built CLI as scripts run it: its stdout a pipe, read to the end.
  const spawned = (databaseUrl: string, ...argv: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const env = {
        // eslint-disable-next-line no-restricted-properties -- the CLI process needs the same PATH to find node's tools
        PATH: process.env['PATH'],
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        REDIS_URL: db.config.redisUrl,
        QUEUE_PREFIX: db.config.queuePrefix,
        INTAKE_STORAGE_DIR: join(dir, 'storage'),
        METRICS_ENABLED: 'false',
        LOG_LEVEL: 'error',
      };
      const child = execFile(process.execPath, [join(projectRoot(), 'dist', 'apps', 'cli', 'src', 'main.js'), ...argv], { env, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout, stderr) =>
        done({ code: child.exitCode, stdout, stderr }),
      );
    });

  it('writes the whole --json answer to a pipe, a long one too, and an object for an internal error', async () => {
    // Every household with an impossible birth date: 1,200 rejects, a report of some 200 KB.
    const manifest = await generateCafFile({ households: 1200, kind: 'daily', seed: 'cli-pipe', out: join(dir, 'pipe.xml'), date: '2026-11-21' });
    const rejectedAll = join(dir, 'pipe-rejected.xml');
    writeFileSync(rejectedAll, readFileSync(manifest.path, 'latin1').replace(/<DTNAI>\d{4}-\d{2}-\d{2}<\/DTNAI>/g, '<DTNAI>1960-02-30</DTNAI>'), 'latin1');
    const long = await spawned(db.config.databaseUrl, 'intake:import', rejectedAll, '--json');
    expect(long.code).toBe(0);
    expect(long.stdout.length).toBeGreaterThan(150_000);
    const report = JSON.parse(long.stdout);
    expect(report).toMatchObject({ status: 'imported', households: { rejected: manifest.totals.distinctDossiers } });
    expect(report.rejects).toHaveLength(1000);

    const broken = await spawned(db.config.databaseUrl.replace(/\/[^/?]+(\?|$)/, '/rsa_test_no_such_database$1'), 'intake:import', rejectedAll, '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toEqual({ error: { code: 'INTERNAL', message: expect.stringContaining('rsa_test_no_such_database') } });
  }, 120_000);
});
