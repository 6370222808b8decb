import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CafFileImporter } from '@rsa/intake';
import { CliModule } from '../apps/cli/src/cli';

/** Imports one file in a process of its own, so its peak RSS is the import's alone. Prints one JSON line. */
async function main(): Promise<void> {
  const [file] = process.argv.slice(2);
  const app = await NestFactory.createApplicationContext(CliModule.with(), { logger: ['error', 'warn'] });
  const start = process.hrtime.bigint();
  const report = await app.get(CafFileImporter).import({ path: file, channel: 'cli' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await app.close();
  const memory = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)]));
  process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, memoryAtEndMb: memory, report: { ...report, rejects: report.rejects.length } })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
