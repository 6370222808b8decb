import { Global, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { DropFolderImporter, ImportCafFileCommand, IntakeModule, type ImportReport } from '@rsa/intake';
import { AppConfig, AppConfigModule, DatabaseModule } from '@rsa/platform';
import { SingleBar } from 'cli-progress';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Operator commands. Exit codes: 0 done (a file imported or a duplicate, even with rejected
 * households), 3 the file was rejected, 2 usage error, 1 internal error.
 */
const USAGE = `usage:
  npm run --silent cli -- intake:import <file> [--json]   import one CAF beneficiary file (VRSB0801)
  npm run --silent cli -- intake:drop [--json]            import every settled file of the drop folder, oldest header first`;

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
    return { module: CliModule, imports: [configModule, DatabaseModule.forRoot({ applicationName: 'rsa-cli' }), IntakeModule] };
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
  if (report.duplicateOf) lines.push(`same bytes as file ${report.duplicateOf}: nothing changed`);
  if (report.fileError) lines.push(`rejected: ${report.fileError.code}: ${report.fileError.message}`);
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
    return 2;
  }
}

function context(config: AppConfig | undefined): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(CliModule.with(config), { logger: ['error', 'warn'] });
}

async function dispatch(argv: string[], io: CliIo, config: AppConfig | undefined): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const positional = rest.filter((a) => !a.startsWith('--'));
  const unknown = rest.filter((a) => a.startsWith('--') && a !== '--json');
  if (unknown.length > 0) usage(`unknown option ${unknown.join(' ')}`);

  if (command === 'intake:import') {
    if (positional.length !== 1) usage('intake:import takes exactly one file');
    const path = resolve(positional[0]);
    if (!existsSync(path) || !statSync(path).isFile()) usage(`no such file: ${positional[0]}`);
    const app = await context(config);
    try {
      const bar = !json && io.stdout.isTTY ? new SingleBar({ format: 'importing [{bar}] {percentage}% | {households} households | {eta}s left', hideCursor: true }) : null;
      bar?.start(100, 0, { households: 0 });
      const report: ImportReport = await app.get(CommandBus).execute(
        new ImportCafFileCommand({
          path,
          channel: 'cli',
          onProgress: ({ bytesRead, totalBytes, households }) => bar?.update(Math.floor((100 * bytesRead) / Math.max(totalBytes, 1)), { households }),
        }),
      );
      bar?.stop();
      io.stdout.write(json ? `${JSON.stringify(report)}\n` : summary(report));
      return report.status === 'rejected' ? 3 : 0;
    } finally {
      await app.close();
    }
  }

  if (command === 'intake:drop') {
    if (positional.length > 0) usage('intake:drop takes no file');
    const app = await context(config);
    try {
      const result = await app.get(DropFolderImporter).run();
      if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else for (const f of result.files) io.stdout.write(`${f.status.padEnd(9)} ${f.name} -> ${f.movedTo}${f.error ? ` (${f.error})` : ''}\n`);
      return result.files.some((f) => f.status === 'failed') ? 1 : 0;
    } finally {
      await app.close();
    }
  }

  usage(command ? `unknown command ${command}` : 'no command given');
}
