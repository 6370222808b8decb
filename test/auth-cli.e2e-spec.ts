import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier } from '@rsa/access';
import { createTestDatabase, DEMO_SUBJECTS, generateCafFile, type TestDatabase } from '@rsa/testing';
import { runCli } from '../apps/cli/src/cli';

/** The local issuer of the demo (auth:init, auth:token) and the demo organisation (org:seed-demo). */
describe('auth and organisation CLI (e2e)', () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    dir = mkdtempSync(join(tmpdir(), 'rsa-auth-cli-'));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (config: typeof db.config, ...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } }, config);
    return { code, stdout, stderr };
  };

  it('mints a token the API accepts, with the role and structure asked for', async () => {
    expect((await run(db.config, 'auth:init')).code).toBe(0);
    const { code, stdout } = await run(db.config, 'auth:token', '--user', DEMO_SUBJECTS.coordinatorRoubaix, '--role', 'coordinator', '--mfa', '--ttl', '600');
    expect(code).toBe(0);
    const token = await new TokenVerifier(db.config.auth).verify(stdout.trim());
    expect(token).toMatchObject({ subject: DEMO_SUBJECTS.coordinatorRoubaix, role: 'coordinator', mfa: true });
    expect(token.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(600_000);
  });

  it.each([
    [['auth:token'], /needs --user/],
    [['auth:token', '--user', 'x', '--role', 'king'], /unknown role king/],
    [['auth:token', '--user', 'x', '--ttl', 'forever'], /--ttl/],
    [['auth:token', '--user', 'x', '--json'], /does not take --json/],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const result = await run(db.config, ...(argv as string[]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('refuses to mint tokens in production', async () => {
    const result = await run(db.config.with({ nodeEnv: 'production' }), 'auth:token', '--user', 'x');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refused in production/);
  });

  it('loads the demo organisation and shares a few files with its accounts, and can run again', async () => {
    const file = await generateCafFile({ households: 200, kind: 'daily', seed: 'seed-demo', out: join(dir, 'daily.xml'), date: '2026-11-20' });
    expect((await run(db.config, 'intake:import', file.path, '--json')).code).toBe(0);
    const first = await run(db.config, 'org:seed-demo', '--json');
    expect(first.code).toBe(0);
    const seeded = JSON.parse(first.stdout);
    expect(seeded).toMatchObject({ territories: 7, structures: { created: 10, existing: 0 }, professionals: { created: 11, existing: 0 }, habilitations: { created: 11 } });
    expect(seeded.shared.referent).toBeGreaterThan(0);
    const again = JSON.parse((await run(db.config, 'org:seed-demo', '--json')).stdout);
    expect(again).toMatchObject({ structures: { created: 0, existing: 10 }, professionals: { created: 0, existing: 11 }, habilitations: { created: 0, existing: 11 } });
    expect(again.shared).toEqual({ referent: 0, franceTravail: 0, operator: 0 });
  });
});
