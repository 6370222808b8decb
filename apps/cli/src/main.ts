import 'reflect-metadata';
import { keepFilesPrivate } from '@rsa/platform';
import { runCli } from './cli';

keepFilesPrivate();

/**
 * Exits once stdout and stderr are flushed: to a pipe they are written asynchronously, and exiting
 * at once cut a long --json answer short (a report listing a thousand rejects is some 200 KB).
 */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(exitWhenFlushed, (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`internal error: ${message}\n`);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'INTERNAL', message } })}\n`);
  exitWhenFlushed(1);
});
