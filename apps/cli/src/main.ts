import 'reflect-metadata';
import { keepFilesPrivate } from '@rsa/platform';
import { runCli } from './cli';

keepFilesPrivate();

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`internal error: ${message}\n`);
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'INTERNAL', message } })}\n`);
    process.exit(1);
  },
);
