import 'reflect-metadata';
import { CodedError } from '@rsa/kernel';
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
  // A coded error (the NIR keys not rotated, say) keeps its code: scripts can tell it from a crash.
  const code = error instanceof CodedError ? String(error.code) : 'INTERNAL';
  process.stderr.write(`${code === 'INTERNAL' ? 'internal error' : code}: ${message}\n`);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  exitWhenFlushed(1);
});
