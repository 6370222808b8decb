import 'reflect-metadata';
import { keepFilesPrivate } from '@rsa/platform';
import { runCli } from './cli';

keepFilesPrivate();

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
