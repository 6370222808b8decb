import { ConsoleLogger, Global, Module, type DynamicModule, type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { AccessModule, ActorResolver, cliActor, ensureLocalIssuerKey, mintLocalToken, OrganisationSeed } from '@rsa/access';
import { BeneficiaryChanges, BeneficiaryFilesModule, NirRotation } from '@rsa/beneficiary';
import { DropFolderImporter, fileErrorLine, ImportCafFileCommand, IntakeModule, IntakeSealRotation, type ImportReport } from '@rsa/intake';
import { Clock, isRole, parisDateOf } from '@rsa/kernel';
import { AppConfig, AppConfigModule, AuditModule, ClockModule, DatabaseModule, loadAppConfig, MetricsRegistryModule, pgPoolOf, QueueModule } from '@rsa/platform';
import { Retention, RetentionModule } from '@rsa/retention';
import { AgendaCommands, Campaigns, ConvocationModule, ConvocationPlanner, MessageDispatcher } from '@rsa/convocation';
import { ContractCommands, Diagnostics, OrientationDecisions, OrientationModule, PortfolioAssignments, Reorientations } from '@rsa/orientation';
import { demoOrganisation, DEMO_PLACE_NAMES, DEMO_SUBJECTS, seedDemoAgendas, seedDemoPath, shareDemoPortfolios } from '@rsa/testing';

/**
 * Operator commands. Exit codes: 0 done (a file imported or a duplicate, even with rejected
 * households), 3 the file was rejected, 2 usage error, 1 internal error.
 */
const USAGE = `usage:
  npm run --silent cli -- intake:import <file> [--json]   import one CAF beneficiary file (VRSB0801)
  npm run --silent cli -- intake:drop [--json]            import every settled file of the drop folder, oldest header first
  npm run --silent cli -- auth:init                       create the local token issuer's key (demo and tests only)
  npm run --silent cli -- auth:token --user SUBJECT [--role ROLE] [--structure ID] [--ttl SECONDS] [--mfa]
                                                          a bearer token from the local issuer (demo and tests only)
  npm run --silent cli -- org:seed-demo [--json]          load the demo organisation, share a few files with its accounts, start a few paths
  npm run --silent cli -- retention:run [--apply] [--json] what is past its retention period; --apply anonymises and deletes it
  npm run --silent cli -- nir:rotate [--json]             re-encrypt NIRs under the current key and recompute their digests
  npm run --silent cli -- convocation:plan [--json]       convene whoever is due now and queue their first messages
  npm run --silent cli -- notifications:sweep [--json]    queue every message due now (the worker sends them)
  npm run --silent cli -- convocation:release-campaigns [--json]
                                                          release today's share of each stock reprise campaign (the worker does it each working morning)`;

@Global()
@Module({})
class GivenConfigModule {}

@Module({})
export class CliModule {
  /** With `config`, that configuration instead of the environment's (tests point it at their database). */
  static with(config?: AppConfig): DynamicModule {
    const configModule: DynamicModule = config
      ? { module: GivenConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] }
      : { module: AppConfigModule };
    return {
      module: CliModule,
      imports: [
        configModule,
        DatabaseModule.forRoot({ applicationName: 'rsa-cli' }),
        AuditModule,
        ClockModule,
        MetricsRegistryModule,
        QueueModule,
        AccessModule,
        IntakeModule,
        BeneficiaryFilesModule,
        RetentionModule,
        ConvocationModule,
        OrientationModule,
      ],
    };
  }
}

/** Where the CLI writes: the process's streams, or a test's buffers. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

class UsageError extends Error {}

function usage(message: string): never {
  throw new UsageError(message);
}

function summary(report: ImportReport): string {
  const h = report.households;
  const p = report.persons;
  const lines = [
    `file ${report.fileId}: ${report.status}${report.kind ? ` (${report.kind})` : ''}`,
    `households: ${h.total} (created ${h.created}, updated ${h.updated}, unchanged ${h.unchanged}, rejected ${h.rejected})`,
    `persons:    ${p.total} (created ${p.created}, updated ${p.updated}, unchanged ${p.unchanged}, rejected ${p.rejected})`,
    `entrants ${report.entrants}, anomalies ${report.anomalies}, older data ignored ${report.olderIgnored}, not seen in stock ${report.notSeenInStock}`,
  ];
  if (report.anomaliesAlreadyRecorded > 0) lines.push(`${report.anomaliesAlreadyRecorded} anomaly(ies) raised again, already recorded: not recorded twice`);
  if (report.superseded > 0) lines.push(`${report.superseded} earlier occurrence(s) of a dossier sent again later in the file: the last one applied`);
  if (report.sameHeaderAs.length > 0) lines.push(`same header as file ${report.sameHeaderAs.join(', ')} but other bytes: applied, and flagged for review`);
  if (report.duplicateOf) lines.push(`same bytes as file ${report.duplicateOf}: nothing changed`);
  const fault = fileErrorLine(report);
  if (fault) lines.push(`rejected: ${fault}`);
  for (const r of report.rejects.slice(0, 20)) lines.push(`  reject #${r.ordinal} ${r.numdemrsa ?? '?'} ${r.path}: ${r.message}`);
  if (report.rejects.length > 20) lines.push(`  … ${report.rejects.length - 20} more rejects (see the API)`);
  return `${lines.join('\n')}\n`;
}

/** Runs one command; returns the exit code. `config` replaces the loaded configuration (tests). */
export async function runCli(argv: string[], io: CliIo, config?: AppConfig): Promise<number> {
  try {
    return await dispatch(argv, io, config);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n${USAGE}\n`);
    // A script reading --json output gets an object whatever happens.
    if (argv.includes('--json')) io.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message: error.message } })}\n`);
    return 2;
  }
}

/**
 * Nest's own messages (warnings at start-up, errors) go to stderr, whatever their level: stdout is
 * the command's answer, which scripts parse with --json.
 */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context?: string, logLevel?: LogLevel): void {
    super.printMessages(messages, context, logLevel, 'stderr');
  }
}

function context(config: AppConfig | undefined): Promise<INestApplicationContext> {
  // abortOnError false: a start-up failure (the database unreachable, say) is thrown to runCli's
  // caller, which answers it (an INTERNAL error object with --json), instead of Nest exiting.
  return NestFactory.createApplicationContext(CliModule.with(config), { logger: new StderrLogger('cli', { logLevels: ['error', 'warn'] }), abortOnError: false });
}

async function withContext<T>(config: AppConfig | undefined, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await context(config);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

const OPTIONS = {
  json: { type: 'boolean' },
  apply: { type: 'boolean' },
  mfa: { type: 'boolean' },
  user: { type: 'string' },
  role: { type: 'string' },
  structure: { type: 'string' },
  ttl: { type: 'string' },
} as const;

/** Which options each command takes; any other is a usage error. */
const ALLOWED: Record<string, (keyof typeof OPTIONS)[]> = {
  'intake:import': ['json'],
  'intake:drop': ['json'],
  'auth:init': [],
  'auth:token': ['user', 'role', 'structure', 'ttl', 'mfa'],
  'org:seed-demo': ['json'],
  'retention:run': ['apply', 'json'],
  'nir:rotate': ['json'],
  'convocation:plan': ['json'],
  'notifications:sweep': ['json'],
  'convocation:release-campaigns': ['json'],
};

async function dispatch(argv: string[], io: CliIo, given: AppConfig | undefined): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) usage('no command given');
  if (!ALLOWED[command]) usage(`unknown command ${command}`);
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    usage((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  const { values, positionals } = parsed;
  const unknown = Object.keys(values).filter((k) => !ALLOWED[command].includes(k as keyof typeof OPTIONS));
  if (unknown.length > 0) usage(`${command} does not take --${unknown.join(', --')}`);
  const json = values.json === true;
  const out = (result: unknown, text: string) => io.stdout.write(json ? `${JSON.stringify(result)}\n` : text);

  switch (command) {
    case 'intake:import': {
      if (positionals.length !== 1) usage('intake:import takes exactly one file');
      const path = resolve(positionals[0]);
      if (!existsSync(path)) usage(`no such file: ${positionals[0]}`);
      if (!statSync(path).isFile()) usage(`not a file: ${positionals[0]} (intake:drop imports a folder's files)`);
      return withContext(given, async (app) => {
        const bar = !json && io.stdout.isTTY ? new SingleBar({ format: 'importing [{bar}] {percentage}% | {households} households | {eta}s left', hideCursor: true }) : null;
        bar?.start(100, 0, { households: 0 });
        const report: ImportReport = await app.get(CommandBus).execute(
          new ImportCafFileCommand(cliActor('intake-import'), {
            path,
            channel: 'cli',
            onProgress: ({ bytesRead, totalBytes, households }) => bar?.update(Math.floor((100 * bytesRead) / Math.max(totalBytes, 1)), { households }),
          }),
        );
        bar?.stop();
        out(report, summary(report));
        return report.status === 'rejected' ? 3 : 0;
      });
    }
    case 'intake:drop': {
      if (positionals.length > 0) usage('intake:drop takes no file');
      return withContext(given, async (app) => {
        const result = await app.get(DropFolderImporter).run(cliActor('intake-import'));
        out(
          result,
          [
            ...result.files.map((f) => `${f.status.padEnd(9)} ${f.name} -> ${f.movedTo}${f.error ? ` (${f.error})` : ''}\n`),
            ...result.skipped.map((f) => `skipped   ${f.name} (${f.reason === 'settling' ? 'changed less than 5 minutes ago: next run' : f.reason})\n`),
          ].join('') || 'nothing to import\n',
        );
        // A file handled but left in the drop folder (permissions) needs an operator too.
        return result.files.some((f) => f.status === 'failed' || !f.moved) ? 1 : 0;
      });
    }
    case 'auth:init':
    case 'auth:token': {
      const config = given ?? loadAppConfig();
      // The local issuer exists for the demo and the tests: production trusts the Département's identity provider only.
      if (config.isProduction) usage(`${command} is refused in production: tokens come from the identity provider`);
      await ensureLocalIssuerKey(config.auth);
      if (command === 'auth:init') {
        io.stdout.write(`local issuer key: ${config.auth.localIssuerKeyFile}\npublic keys (AUTH_JWKS_FILE): ${config.auth.jwksFile ?? '(AUTH_JWKS_URL is set: the API does not trust this key)'}\n`);
        return 0;
      }
      if (!values.user) usage('auth:token needs --user SUBJECT (the professional account, e.g. demo.referent.roubaix)');
      if (values.role && !isRole(values.role)) usage(`unknown role ${values.role}`);
      const ttl = values.ttl === undefined ? 3600 : Number(values.ttl);
      if (!Number.isInteger(ttl) || ttl === 0 || Math.abs(ttl) > 24 * 3600) usage('--ttl is a number of seconds, at most a day');
      io.stdout.write(`${await mintLocalToken(config.auth, { subject: values.user, role: values.role, structureId: values.structure, ttlSeconds: ttl, mfa: values.mfa })}\n`);
      return 0;
    }
    case 'org:seed-demo':
      if ((given ?? loadAppConfig()).isProduction) usage('org:seed-demo is refused in production: the organisation is managed through the API');
      return withContext(given, async (app) => {
        const actor = cliActor('organisation-seed');
        const seed = await app.get(OrganisationSeed).load(actor, demoOrganisation());
        const pool = pgPoolOf(app.get(DataSource));
        const shared = await shareDemoPortfolios(pool, app.get(BeneficiaryChanges), actor, seed);
        const maisonOf = (territoryId: string) => seed.structureIds[`MNE-${territoryId.toUpperCase()}`] ?? null;
        const agendas = await seedDemoAgendas(
          app.get(AgendaCommands),
          actor,
          parisDateOf(app.get(Clock).now()),
          async (territoryId) => (await pool.query<{ name: string }>(`SELECT name FROM convocation_place WHERE territory_id = $1`, [territoryId])).rows.map((r) => r.name),
          maisonOf,
        );
        // Demo places seeded before places named the structure that runs them: their Maison Nord Emploi.
        for (const territoryId of Object.keys(DEMO_PLACE_NAMES)) {
          await pool.query(`UPDATE convocation_place SET structure_id = $2 WHERE territory_id = $1 AND name = $3 AND structure_id IS NULL`, [territoryId, maisonOf(territoryId), DEMO_PLACE_NAMES[territoryId]]);
        }
        const path = await seedDemoPath(
          pool,
          {
            changes: app.get(BeneficiaryChanges),
            diagnostics: app.get(Diagnostics),
            decisions: app.get(OrientationDecisions),
            reorientations: app.get(Reorientations),
            assignments: app.get(PortfolioAssignments),
            contracts: app.get(ContractCommands),
            resolver: new ActorResolver(pool, app.get(AppConfig).auth),
          },
          actor,
          seed,
          parisDateOf(app.get(Clock).now()),
        );
        const result = { ...seed, shared, agendas, path, subjects: DEMO_SUBJECTS };
        out(
          result,
          `organisation: ${seed.territories} territories, structures ${seed.structures.created} new / ${seed.structures.existing} kept, ` +
            `accounts ${seed.professionals.created} new / ${seed.professionals.existing} kept, habilitations ${seed.habilitations.created} new\n` +
            `shared: ${shared.referent} files with ${DEMO_SUBJECTS.referentRoubaix}, ${shared.franceTravail} with France Travail Roubaix, ${shared.operator} with the IOD operator\n` +
            `agendas: ${agendas.places} new places, ${agendas.slots} slots over the next four weeks\n` +
            `path in Roubaix-Tourcoing: ${path.people} people; added ${path.diagnostics} co-diagnostics, ${path.decisions} orientations (${path.overrides} against the proposal), ` +
            `referents ${path.assignments.referent} MNE / ${path.assignments.franceTravail} France Travail / ${path.assignments.operator} IOD with ${path.firstAppointments} first appointments, ` +
            `${path.contracts} signed contracts (${path.actions} actions), ${path.reorientationRequests} réorientation request\n` +
            `accounts: ${Object.values(DEMO_SUBJECTS).join(', ')}\n`,
        );
        return 0;
      });
    case 'retention:run':
      return withContext(given, async (app) => {
        const report = await app.get(Retention).run(cliActor('retention'), { apply: values.apply === true });
        out(
          report,
          `retention ${report.mode} (${report.id})\n` +
            Object.entries(report.categories)
              .map(([category, c]) => `  ${category.padEnd(22)} before ${c.cutoff.slice(0, 10)} (${c.months} months): ${JSON.stringify(c.found)}${c.applied ? '' : ' (dry run: nothing changed)'}\n`)
              .join(''),
        );
        return 0;
      });
    case 'convocation:plan':
      return withContext(given, async (app) => {
        const { dueNow, ...report } = await app.get(ConvocationPlanner).run(cliActor('convocation'));
        await app.get(MessageDispatcher).enqueue(dueNow);
        out(
          { ...report, queued: dueNow.length },
          `convened ${report.convened}, invited ${report.invited}, no slot within the deadline ${report.noSlot} (of ${report.considered} due; ${report.registered} new paths); ${report.messages} messages planned, ${dueNow.length} queued now\n`,
        );
        return 0;
      });
    case 'notifications:sweep':
      return withContext(given, async (app) => {
        const report = await app.get(MessageDispatcher).sweep(cliActor('convocation'));
        out(report, `${report.due} messages due, queued in ${report.batches} batches; ${report.reclaimed} taken back from a worker that stopped\n`);
        return 0;
      });
    case 'convocation:release-campaigns':
      // The worker's morning job, by hand (a worker down at 06:00): the same pace, so never more than it allows.
      return withContext(given, async (app) => {
        const report = await app.get(Campaigns).release(cliActor('convocation'));
        out(report, `${report.released} people released to the planner from ${report.campaigns} active campaigns (the planner convenes them)\n`);
        return 0;
      });
    case 'nir:rotate':
      return withContext(given, async (app) => {
        const actor = cliActor('nir-rotate');
        const nirs = await app.get(NirRotation).run(actor);
        // The raw XML the intake keeps is sealed with the same key: sealed again too.
        const sealed = await app.get(IntakeSealRotation).run(actor);
        out(
          { ...nirs, sealed },
          `NIR rotation to key ${nirs.currentKeyId}: ${nirs.persons} persons read, ${nirs.reencrypted} re-encrypted, ${nirs.rehashed} digests recomputed; ` +
            `${sealed.rawBatches} raw batches and ${sealed.rejects} rejects read, ${sealed.resealed} sealed again\n`,
        );
        return 0;
      });
    default:
      usage(`unknown command ${command}`);
  }
}
