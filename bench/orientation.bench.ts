import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ActorResolver, actorRef } from '@rsa/access';
import { addDays, systemActor, type UserActor } from '@rsa/kernel';
import {
  ageOn,
  DEFAULT_RULE_SET,
  diagnosticContentProblems,
  factsOf,
  mixOf,
  modalityFor,
  monthsBetween,
  OrientationModule,
  propose,
  RuleSets,
  scoreOf,
  Simulations,
  type DiagnosticContent,
  type Dominante,
  type Rule,
  type SimulationReport,
} from '@rsa/orientation';
import { buildDataSourceOptions, createDatabaseIfMissing, dropDatabaseIfExists, loadAppConfig, pgPoolOf, projectRoot, withDatabaseName } from '@rsa/platform';
import { DEMO_SUBJECTS, drawDiagnosticContent, Rng } from '@rsa/testing';
import { CliModule } from '../apps/cli/src/cli';

/**
 * npm run bench:orientation — issue 5's simulation at the scale of a territory: a generated monthly
 * (stock) file imported, the demo organisation loaded, one diagnostic (its latest version; a quarter
 * of them with two versions) written in bulk for every RSA beneficiary (allocataire or conjoint) of
 * the file, then the simulation of Roubaix-Tourcoing timed through the real service (Simulations, as
 * the API calls it for a coordinator, and for an administrator with a draft rule set), in a process
 * of its own so its peak RSS is the simulation's. Prints first/min/median times, people/s, peak RSS
 * and the mix; checks the mix against the domain's propose + mixOf over the same contents.
 * Target: a 30,000-person territory simulated in under 2 s (median of the runs).
 * Options: --households N (default 85000, about 31,000 beneficiaries in Roubaix-Tourcoing), --runs N
 * (default 5 per rule set), --only-territory (diagnose Roubaix-Tourcoing only, not the other
 * territories), --keep (the database stays), --profile DIR (the measuring process writes a CPU
 * profile there).
 */
const root = projectRoot();
const dist = join(root, 'dist');
const work = join(root, 'var', 'bench', 'orientation');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const HOUSEHOLDS = option('households', 85_000);
const RUNS = option('runs', 5);
const PROFILE_DIR = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : null;
const TERRITORY = 'roubaix-tourcoing';
const TARGET_PEOPLE = 30_000;
const TARGET_SECONDS = 2;
const FILE_DATE = '2026-11-04';
/** Diagnostics are dated in the weeks after the file, the second versions up to this day. */
const FIRST_DAY = '2026-11-05';
const LAST_DAY = '2026-11-30';

const base = loadAppConfig();
const databaseUrl = withDatabaseName(base.databaseUrl, 'rsa_bench_orientation');

/**
 * A draft a territory might try: wider Emploi (two blocking barriers at most), health and housing
 * emergencies to Remobilisation, registered and qualified people to Emploi, the rest in Équilibre.
 */
const DRAFT_RULES: Rule[] = [
  { id: 'sante-bloquante', label: 'Santé bloquante', when: [{ theme: 'sante', levels: ['blocking'] }], then: { dominante: 'remobilisation', structureKinds: ['departement-service'] } },
  { id: 'logement-bloquant', label: 'Logement bloquant et un autre frein bloquant', when: [{ theme: 'logement', levels: ['blocking'] }, { fact: 'blockingBarriers', min: 2 }], then: { dominante: 'remobilisation', structureKinds: ['departement-service'] } },
  {
    id: 'emploi-large',
    label: 'Disponible et motivé, deux freins bloquants au plus, moins de 60 ans',
    when: [
      { criterion: 'availability', in: ['immediate', 'near'] },
      { criterion: 'motivation', in: ['work-and-support'] },
      { fact: 'blockingBarriers', max: 2 },
      { fact: 'age', max: 59 },
    ],
    then: { dominante: 'emploi', structureKinds: ['france-travail-agency'] },
  },
  {
    id: 'inscrit-qualifie',
    label: 'Inscrit à France Travail, qualifié, expérience pas trop lointaine',
    when: [
      { criterion: 'franceTravailRegistered', is: true },
      { criterion: 'qualification', in: ['4', '5', '6', '7', '8'] },
      { criterion: 'lastExperience', in: ['recent', 'medium', 'distant'] },
    ],
    then: { dominante: 'emploi', structureKinds: ['france-travail-agency', 'maison-nord-emploi'] },
  },
  { id: 'autres', label: 'Les autres', when: [], then: { dominante: 'equilibre', structureKinds: ['maison-nord-emploi'] } },
];

function cli(command: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, ['--expose-gc', join(dist, 'apps', 'cli', 'src', 'main.js'), ...command], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);

interface Beneficiary {
  person_id: string;
  dtnai: string;
  numdemrsa: string;
  role_rsa: string;
  path_id: string | null;
  origin: 'flux' | 'stock' | null;
  dtdemrsa: string | null;
  here: boolean;
  diagnosed: boolean;
}

type Diagnosed = { content: DiagnosticContent; age: number };

/**
 * One diagnostic for every beneficiary (allocataire or conjoint of their current dossier) of the
 * file (or of Roubaix-Tourcoing only) not diagnosed yet (the demo seed diagnoses a few), inserted
 * in bulk as the Diagnostics service writes them: the advised modality, the co-diagnostic's two
 * authors, content, age on the day, score and profile from scoreOf. Each person's content is drawn
 * from a generator seeded with their dossier number and role, so a run gives the same population.
 * Returns the latest content and age of each Roubaix-Tourcoing person diagnosed (the demo seed's
 * included, read back), where "in the territory" is the commune of the current dossier: the most
 * recently updated one they are attached to, else their open path's.
 */
async function writeDiagnostics(pool: Pool, onlyTerritory: boolean): Promise<{ here: Diagnosed[]; diagnostics: number; versions: number; elsewhere: number; seeded: number; rejected: number }> {
  const people = (
    await pool.query<Beneficiary>(
      `SELECT pe.id AS person_id, to_char(pe.dtnai, 'YYYY-MM-DD') AS dtnai, cd.numdemrsa, cd.role_rsa, op.id AS path_id, op.origin, to_char(cd.dtdemrsa, 'YYYY-MM-DD') AS dtdemrsa,
              COALESCE(tc.territory_id = $1, FALSE) AS here, EXISTS (SELECT 1 FROM orientation_diagnostic x WHERE x.person_id = pe.id) AS diagnosed
         FROM beneficiary_person pe
         LEFT JOIN beneficiary_path op ON op.person_id = pe.id AND op.status = 'open'
         JOIN LATERAL (SELECT d.numdemrsa, d.dtdemrsa, d.commune_insee, m.role_rsa FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id
                        WHERE m.person_id = pe.id AND (m.detached_at IS NULL OR d.id = op.dossier_id)
                        ORDER BY (m.detached_at IS NULL) DESC, d.updated_at DESC, d.id DESC LIMIT 1) cd ON TRUE
         LEFT JOIN access_territory_commune tc ON tc.insee = cd.commune_insee
        WHERE pe.anonymised_at IS NULL AND cd.role_rsa IN ('DEM', 'CJT')
        ORDER BY cd.numdemrsa, cd.role_rsa`,
      [TERRITORY],
    )
  ).rows.filter((p) => p.here || !onlyTerritory);
  const seeded = people.filter((p) => p.diagnosed);
  const authors = (
    await pool.query<{ id: string }>(`SELECT id FROM access_professional WHERE subject = ANY($1) ORDER BY subject`, [[DEMO_SUBJECTS.ftCounsellorRoubaix, DEMO_SUBJECTS.referentRoubaix]])
  ).rows.map((r) => r.id);
  if (authors.length !== 2) throw new Error('The demo organisation has no France Travail counsellor and referent for Roubaix');
  const createdBy = actorRef(systemActor('bench:orientation', 'cli', []));
  const here: Diagnosed[] = [];
  let versions = 0;
  let rejected = 0;
  const todo = people.filter((p) => !p.diagnosed);
  const BATCH = 4_000;
  for (let start = 0; start < todo.length; start += BATCH) {
    const heads: object[] = [];
    const rows: object[] = [];
    for (const p of todo.slice(start, start + BATCH)) {
      const rng = Rng.of('bench-orientation', p.numdemrsa, p.role_rsa);
      const id = randomUUID();
      const count = rng.chance(0.25) ? 2 : 1;
      const days: string[] = [addDays(FIRST_DAY, rng.int(0, 15))];
      if (count === 2) days.push(addDays(days[0], rng.int(1, daysBetween(days[0], LAST_DAY))));
      let latest: Diagnosed | null = null;
      days.forEach((day, i) => {
        const content = drawDiagnosticContent(rng);
        if (diagnosticContentProblems(content).length > 0) rejected++;
        const age = ageOn(p.dtnai, day);
        const score = scoreOf(content, factsOf(content, age));
        rows.push({ diagnostic_id: id, version: i + 1, person_id: p.person_id, diagnosed_on: day, authors, content, age, score: score.value, profile: score.profile, score_addends: score.addends, scoring_version: score.version, created_at: `${day}T10:00:00+01:00` });
        latest = { content, age };
      });
      const derivedFrom = { origin: p.origin ?? 'stock', monthsInRsa: p.dtdemrsa ? monthsBetween(p.dtdemrsa, days[0]) : 0, inIntensiveSupport: false, pathId: p.path_id } as const;
      const advice = { ...modalityFor(derivedFrom), derivedFrom };
      heads.push({ id, person_id: p.person_id, path_id: p.path_id, modality: advice.modality, advice, latest_version: count, created_at: `${days[0]}T10:00:00+01:00`, updated_at: `${days[count - 1]}T10:00:00+01:00` });
      versions += count;
      if (p.here && latest) here.push(latest);
    }
    await pool.query(
      `INSERT INTO orientation_diagnostic (id, person_id, path_id, modality, advice, latest_version, created_at, created_by, updated_at)
       SELECT id, person_id, path_id, modality, advice, latest_version, created_at, $2, updated_at
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, person_id uuid, path_id uuid, modality varchar, advice jsonb, latest_version int, created_at timestamptz, updated_at timestamptz)`,
      [JSON.stringify(heads), createdBy],
    );
    await pool.query(
      `INSERT INTO orientation_diagnostic_version (diagnostic_id, version, person_id, diagnosed_on, authors, content, age, score, profile, score_addends, scoring_version, created_at, created_by)
       SELECT diagnostic_id, version, person_id, diagnosed_on, ARRAY(SELECT jsonb_array_elements_text(authors))::uuid[], content, age, score, profile, score_addends, scoring_version, created_at, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(diagnostic_id uuid, version int, person_id uuid, diagnosed_on date, authors jsonb, content jsonb, age int, score int, profile varchar,
                                                   score_addends jsonb, scoring_version int, created_at timestamptz)`,
      [JSON.stringify(rows), createdBy],
    );
  }
  // The people the demo seed diagnosed count with their own latest version (of their latest diagnostic).
  const seededHere = seeded.filter((p) => p.here).map((p) => p.person_id);
  const read = await pool.query<Diagnosed>(
    `SELECT DISTINCT ON (d.person_id) v.content, v.age FROM orientation_diagnostic d JOIN orientation_diagnostic_version v ON v.diagnostic_id = d.id AND v.version = d.latest_version
      WHERE d.person_id = ANY($1::uuid[]) ORDER BY d.person_id, d.created_at DESC, d.id DESC`,
    [seededHere],
  );
  here.push(...read.rows);
  return { here, diagnostics: todo.length, versions, elsewhere: todo.filter((p) => !p.here).length, seeded: seeded.length, rejected };
}

interface Measure {
  bootMs: number;
  rssAfterBootMb: number;
  maxRssMb: number;
  runs: Record<'default' | 'draft', { wallMs: number[]; reports: SimulationReport[] }>;
}

@Module({})
class OrientationBenchModule {}

/**
 * The measuring process (`--measure`): the orientation module as the API has it, the coordinator
 * and the administrator resolved from their habilitations as the API resolves a token's subject, the
 * draft written through RuleSets, then each simulation run RUNS times. Prints one JSON line.
 */
async function measure(): Promise<void> {
  const booted = process.hrtime.bigint();
  const app = await NestFactory.createApplicationContext({ module: OrientationBenchModule, imports: [CliModule.with(base), OrientationModule] }, { logger: ['error', 'warn'] });
  const resolver = new ActorResolver(pgPoolOf(app.get(DataSource)), base.auth);
  const actor = (subject: string): Promise<UserActor> =>
    resolver.resolve({ subject, role: null, structureId: null, mfa: true, expiresAt: new Date(Date.now() + 3_600_000) }, { channel: 'api', requestId: null });
  const coordinator = await actor(DEMO_SUBJECTS.coordinatorRoubaix);
  const administrator = await actor(DEMO_SUBJECTS.administrator);
  const draft = await app.get(RuleSets).create(administrator, TERRITORY, { label: 'Brouillon (benchmark)', rules: DRAFT_RULES });
  const simulations = app.get(Simulations);
  const bootMs = Number(process.hrtime.bigint() - booted) / 1e6;
  const rssAfterBootMb = process.memoryUsage().rss / 1048576;
  const runs: Measure['runs'] = { default: { wallMs: [], reports: [] }, draft: { wallMs: [], reports: [] } };
  for (const [name, who, input] of [
    ['default', coordinator, {}],
    ['draft', administrator, { ruleSetId: draft.id as string }],
  ] as const) {
    for (let i = 0; i < RUNS; i++) {
      const start = process.hrtime.bigint();
      const report = await simulations.run(who, TERRITORY, input);
      runs[name].wallMs.push(Number(process.hrtime.bigint() - start) / 1e6);
      runs[name].reports.push(report);
    }
  }
  await app.close();
  const result: Measure = { bootMs, rssAfterBootMb, maxRssMb: process.resourceUsage().maxRSS / 1024, runs };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** What the domain's engine says on the contents the bench wrote, in the report's terms. */
function expected(rules: Rule[], people: { content: DiagnosticContent; age: number }[], target: SimulationReport['target']) {
  const dominantes: Dominante[] = [];
  const perRule = new Map<string, number>();
  for (const p of people) {
    const proposal = propose({ rules }, p.content, factsOf(p.content, p.age));
    dominantes.push(proposal.dominante);
    perRule.set(proposal.ruleId, (perRule.get(proposal.ruleId) ?? 0) + 1);
  }
  return { ...mixOf(dominantes, target), perRule: rules.map((r) => ({ ruleId: r.id, people: perRule.get(r.id) ?? 0 })) };
}

async function main(): Promise<void> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const onlyTerritory = args.includes('--only-territory');
  console.log(`orientation simulation benchmark: ${HOUSEHOLDS} households (monthly stock file), ${RUNS} runs per rule set (machine: ${cpus().length} cores)`);

  await dropDatabaseIfExists(databaseUrl);
  await createDatabaseIfMissing(databaseUrl);
  const migrate = new DataSource(buildDataSourceOptions(base.with({ databaseUrl }), { applicationName: 'rsa-bench-migrate' }));
  await migrate.initialize();
  await migrate.runMigrations({ transaction: 'each' });
  await migrate.destroy();
  // The child processes read their configuration like any process of the project; only the database differs.
  // eslint-disable-next-line no-restricted-properties -- passing the environment on to child processes
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', METRICS_PORT: '0' };

  // Set-up (not timed by the targets): the file, the organisation, the diagnostics.
  let t = Date.now();
  const file = join(work, 'monthly.xml');
  execFileSync(process.execPath, [join(dist, 'apps', 'cli', 'src', 'gen-caf.js'), '--households', String(HOUSEHOLDS), '--kind', 'monthly', '--seed', 'bench-orientation', '--date', FILE_DATE, '--out', file, '--no-manifest-detail'], { env, stdio: 'ignore' });
  cli(['intake:import', file, '--json'], env);
  rmSync(file, { force: true });
  cli(['auth:init'], env);
  cli(['org:seed-demo', '--json'], env);
  const importSeconds = (Date.now() - t) / 1000;
  const pool = new Pool({ connectionString: databaseUrl });
  t = Date.now();
  const written = await writeDiagnostics(pool, onlyTerritory);
  // As autovacuum leaves a database some time after a bulk load: statistics and visibility map up to date.
  await pool.query('VACUUM (ANALYZE)');
  const diagnosticsSeconds = (Date.now() - t) / 1000;
  const [sizes] = (
    await pool.query<{ persons: number; table: string }>(
      `SELECT (SELECT count(*)::int FROM beneficiary_person) AS persons, pg_size_pretty(pg_total_relation_size('orientation_diagnostic_version')) AS table`,
    )
  ).rows;
  await pool.end();
  console.log(
    `set-up: generated and imported in ${importSeconds.toFixed(0)} s (${sizes.persons} persons); ${written.diagnostics} diagnostics (${written.versions} versions, ${sizes.table}) written in ${diagnosticsSeconds.toFixed(1)} s, ` +
      `${written.diagnostics - written.elsewhere} in ${TERRITORY}, ${written.elsewhere} in other territories (and ${written.seeded} by the demo seed)`,
  );

  const profile = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
  const measured: Measure = JSON.parse(
    execFileSync(process.execPath, [...profile, join(dist, 'bench', 'orientation.bench.js'), '--measure', '--runs', String(RUNS)], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] }),
  );

  const population = written.here.length;
  const rows: [string, string][] = [['population', `${population} diagnosed people in ${TERRITORY} (${HOUSEHOLDS} households in the file)`]];
  const checks: { target: string; value: number; pass: boolean }[] = [];
  const summary: Record<string, object> = {};
  for (const [name, rules] of [
    ['default', DEFAULT_RULE_SET.rules],
    ['draft', DRAFT_RULES],
  ] as const) {
    const { wallMs, reports } = measured.runs[name];
    const last = reports[reports.length - 1];
    const want = expected(rules, written.here, last.target);
    const got = { people: last.people, counts: last.counts, mix: last.mix, target: last.target, gap: last.gap, perRule: last.perRule.map((r) => ({ ruleId: r.ruleId, people: r.people })) };
    const same = isDeepStrictEqual(got, want) && reports.every((r) => isDeepStrictEqual(r.counts, last.counts));
    const med = median(wallMs);
    const label = name === 'default' ? `current rule set (${last.ruleSet.label}, v${last.ruleSet.version}), coordinator` : `draft rule set (v${last.ruleSet.version}, ${last.ruleSet.status}), administrator`;
    rows.push(
      [name, label],
      ['  time', `first ${(wallMs[0] / 1000).toFixed(2)} s, min ${(Math.min(...wallMs) / 1000).toFixed(2)} s, median ${(med / 1000).toFixed(2)} s (service's durationMs median ${median(reports.map((r) => r.durationMs))} ms); ${Math.round(population / (med / 1000))} people/s`],
      ['  mix', `${JSON.stringify(last.mix)} against ${JSON.stringify(last.target)} (${last.targetSource}), gap ${JSON.stringify(last.gap)}; counts ${JSON.stringify(last.counts)}`],
      ['  per rule', last.perRule.map((r) => `${r.ruleId} ${r.people}`).join(', ')],
    );
    checks.push(
      { target: `${name}: ${TARGET_PEOPLE.toLocaleString('en')}-person territory < ${TARGET_SECONDS} s (median)`, value: med / 1000, pass: population >= TARGET_PEOPLE && med / 1000 < TARGET_SECONDS },
      { target: `${name}: mix = domain propose + mixOf`, value: same ? 0 : 1, pass: same },
    );
    if (!same) rows.push(['  expected', `${JSON.stringify(want)} (the service gave ${JSON.stringify(got)})`]);
    summary[name] = { wallMs, durationMs: reports.map((r) => r.durationMs), report: { ...last, ranAt: undefined }, expected: want };
  }
  rows.push(['process', `boot ${(measured.bootMs / 1000).toFixed(1)} s, RSS after boot ${measured.rssAfterBootMb.toFixed(0)} MB, peak RSS ${measured.maxRssMb.toFixed(0)} MB`]);
  if (written.rejected > 0) rows.push(['contents', `${written.rejected} generated contents the API would refuse`]);
  checks.push({ target: 'generated contents the API accepts', value: written.rejected, pass: written.rejected === 0 });
  for (const [k, v] of rows) console.log(`${k.padEnd(12)} ${v}`);
  console.log('');
  for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.target.padEnd(52)} ${c.value.toFixed(2)}`);
  writeFileSync(
    join(root, 'var', 'bench', 'orientation-bench.json'),
    JSON.stringify({ at: new Date().toISOString(), households: HOUSEHOLDS, runs: RUNS, population, diagnostics: written.diagnostics, versions: written.versions, importSeconds, diagnosticsSeconds, process: { bootMs: measured.bootMs, rssAfterBootMb: measured.rssAfterBootMb, maxRssMb: measured.maxRssMb }, summary, checks }, null, 2),
  );
  if (!args.includes('--keep')) await dropDatabaseIfExists(databaseUrl);
  if (checks.some((c) => !c.pass)) process.exitCode = 1;
}

(args.includes('--measure') ? measure() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
