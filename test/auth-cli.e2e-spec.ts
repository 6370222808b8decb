import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { TokenVerifier } from '@rsa/access';
import { createTestDatabase, DEMO_PATH_PEOPLE, DEMO_SUBJECTS, generateCafFile, type TestDatabase } from '@rsa/testing';
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
    const file = await generateCafFile({ households: 400, kind: 'daily', seed: 'seed-demo', out: join(dir, 'daily.xml'), date: '2026-11-20' });
    expect((await run(db.config, 'intake:import', file.path, '--json')).code).toBe(0);
    const first = await run(db.config, 'org:seed-demo', '--json');
    expect(first.code).toBe(0);
    const seeded = JSON.parse(first.stdout);
    expect(seeded).toMatchObject({ territories: 7, structures: { created: 10, existing: 0 }, professionals: { created: 11, existing: 0 }, habilitations: { created: 11 } });
    expect(seeded.shared.referent).toBeGreaterThan(0);
    expect(seeded.path).toEqual({
      people: 12, diagnostics: 12, decisions: 12, overrides: 1, assignments: { referent: 6, franceTravail: 3, operator: 3 }, firstAppointments: 12, contracts: 6, actions: 12, reorientationRequests: 1,
    });
    const again = JSON.parse((await run(db.config, 'org:seed-demo', '--json')).stdout);
    expect(again).toMatchObject({ structures: { created: 0, existing: 10 }, professionals: { created: 0, existing: 11 }, habilitations: { created: 0, existing: 11 } });
    expect(again.shared).toEqual({ referent: 0, franceTravail: 0, operator: 0 });
    expect(again.path).toMatchObject({ people: 12, diagnostics: 0, decisions: 0, assignments: { referent: 0, franceTravail: 0, operator: 0 }, contracts: 0, reorientationRequests: 0 });
    // Each territory's place is run by its Maison Nord Emploi: its referents see the day's sheet there.
    const pool = new Pool({ connectionString: db.url });
    try {
      const places = (await pool.query(`SELECT p.territory_id, s.code FROM convocation_place p LEFT JOIN access_structure s ON s.id = p.structure_id ORDER BY 1`)).rows;
      expect(places).toHaveLength(7);
      for (const place of places) expect(place.code).toBe(`MNE-${place.territory_id.toUpperCase()}`);
    } finally {
      await pool.end();
    }
  });

  it('starts the path of a few people of Roubaix-Tourcoing through the services, as the demo professionals, and a second run adds nothing', async () => {
    // The organisation and the files come from the test above (same database).
    const pool = new Pool({ connectionString: db.url });
    const counts = async () =>
      (
        await pool.query(`SELECT
          (SELECT count(*)::int FROM orientation_diagnostic) AS diagnostics,
          (SELECT count(*)::int FROM orientation_diagnostic_version) AS versions,
          (SELECT count(*)::int FROM orientation_decision) AS decisions,
          (SELECT count(*)::int FROM orientation_period) AS periods,
          (SELECT count(*)::int FROM portfolio_assignment) AS assignments,
          (SELECT count(*)::int FROM portfolio_first_appointment) AS "firstAppointments",
          (SELECT count(*)::int FROM contract) AS contracts,
          (SELECT count(*)::int FROM contract_action) AS actions,
          (SELECT count(*)::int FROM orientation_reorientation_request WHERE status = 'pending') AS pending,
          (SELECT count(*)::int FROM access_case_grant) AS grants`)
      ).rows[0];
    try {
      // The test above already ran the seeding twice: what it did is there once.
      const [referent, ft, operator] = [DEMO_SUBJECTS.referentRoubaix, DEMO_SUBJECTS.ftCounsellorRoubaix, DEMO_SUBJECTS.partnerOperator];
      const before = await counts();
      expect(before).toMatchObject({ diagnostics: DEMO_PATH_PEOPLE, versions: DEMO_PATH_PEOPLE, decisions: DEMO_PATH_PEOPLE, periods: DEMO_PATH_PEOPLE, assignments: DEMO_PATH_PEOPLE, firstAppointments: DEMO_PATH_PEOPLE, contracts: 6, actions: 12, pending: 1 });

      const third = await run(db.config, 'org:seed-demo', '--json');
      expect(third.code).toBe(0);
      expect(JSON.parse(third.stdout).path).toEqual({
        people: DEMO_PATH_PEOPLE, diagnostics: 0, decisions: 0, overrides: 0, assignments: { referent: 0, franceTravail: 0, operator: 0 }, firstAppointments: 0, contracts: 0, actions: 0, reorientationRequests: 0,
      });
      expect(await counts()).toEqual(before);
      const text = await run(db.config, 'org:seed-demo');
      expect(text.stdout).toMatch(/path in Roubaix-Tourcoing: 12 people; added 0 co-diagnostics/);

      // Varied proposals, mostly followed; one override with its reason; every person in Roubaix-Tourcoing, co-diagnosed.
      const decisions = (await pool.query(`SELECT proposed_dominante, dominante, structure_kind, override, override_reason, territory_id, agreement FROM orientation_decision`)).rows;
      const tally = (key: string) => Object.fromEntries([...new Set(decisions.map((d) => d[key]))].map((v) => [v, decisions.filter((d) => d[key] === v).length]));
      expect(tally('proposed_dominante')).toEqual({ emploi: 6, equilibre: 3, remobilisation: 3 });
      expect(tally('dominante')).toEqual({ emploi: 5, equilibre: 4, remobilisation: 3 });
      expect(tally('structure_kind')).toEqual({ 'maison-nord-emploi': 6, 'france-travail-agency': 3, 'partner-operator': 3 });
      expect(decisions.filter((d) => d.override).map((d) => d.override_reason)).toEqual(['person-wish']);
      expect(new Set(decisions.map((d) => d.territory_id))).toEqual(new Set(['roubaix-tourcoing']));
      expect((await pool.query(`SELECT DISTINCT modality, cardinality(v.authors) AS authors FROM orientation_diagnostic d JOIN orientation_diagnostic_version v ON v.diagnostic_id = d.id`)).rows).toEqual([
        { modality: 'co-diagnostic', authors: 2 },
      ]);

      // The referent of the kind chosen, each with a first appointment on time; contracts signed with two actions each.
      const referents = (
        await pool.query(
          `SELECT pr.subject, count(DISTINCT o.id)::int AS people, count(DISTINCT c.id)::int AS contracts, bool_and(NOT f.late) AS on_time
             FROM orientation_period o JOIN access_professional pr ON pr.id = o.referent_id
             JOIN portfolio_first_appointment f ON f.period_id = o.id
             LEFT JOIN contract c ON c.orientation_period_id = o.id AND c.status = 'signed'
            WHERE o.ends_on IS NULL GROUP BY pr.subject ORDER BY pr.subject`,
        )
      ).rows;
      expect(referents).toEqual([
        { subject: ft, people: 3, contracts: 2, on_time: true },
        { subject: operator, people: 3, contracts: 2, on_time: true },
        { subject: referent, people: 6, contracts: 2, on_time: true },
      ]);
      expect((await pool.query(`SELECT count(*)::int AS n FROM contract c WHERE (SELECT count(*) FROM contract_action a WHERE a.contract_id = c.id) <> 2`)).rows[0].n).toBe(0);
      expect((await pool.query(`SELECT kind, count(*)::int AS n FROM contract GROUP BY kind ORDER BY kind`)).rows).toEqual([
        { kind: 'cer', n: 4 },
        { kind: 'ppae', n: 2 },
      ]);

      // Each step audited under the professional who did it; only the shares by the seeding.
      const steps = (
        await pool.query(
          `SELECT action, actor_kind, actor_role, channel FROM audit_event
            WHERE action IN ('beneficiary.share', 'diagnostic.create', 'orientation.decide', 'portfolio.assign', 'contract.sign', 'contract.action.add', 'reorientation.request')
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 3`,
        )
      ).rows;
      expect(steps).toEqual([
        { action: 'beneficiary.share', actor_kind: 'system', actor_role: null, channel: 'cli' },
        { action: 'contract.action.add', actor_kind: 'user', actor_role: 'ft_counsellor', channel: 'cli' },
        { action: 'contract.action.add', actor_kind: 'user', actor_role: 'partner_operator', channel: 'cli' },
        { action: 'contract.action.add', actor_kind: 'user', actor_role: 'referent', channel: 'cli' },
        { action: 'contract.sign', actor_kind: 'user', actor_role: 'ft_counsellor', channel: 'cli' },
        { action: 'contract.sign', actor_kind: 'user', actor_role: 'partner_operator', channel: 'cli' },
        { action: 'contract.sign', actor_kind: 'user', actor_role: 'referent', channel: 'cli' },
        { action: 'diagnostic.create', actor_kind: 'user', actor_role: 'ft_counsellor', channel: 'cli' },
        { action: 'orientation.decide', actor_kind: 'user', actor_role: 'ft_counsellor', channel: 'cli' },
        { action: 'portfolio.assign', actor_kind: 'user', actor_role: 'coordinator', channel: 'cli' },
        { action: 'reorientation.request', actor_kind: 'user', actor_role: 'referent', channel: 'cli' },
      ]);
    } finally {
      await pool.end();
    }
  });
});
