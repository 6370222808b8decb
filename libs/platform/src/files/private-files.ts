import { chmod } from 'node:fs/promises';

/**
 * The files a process writes hold personal data (uploaded CAF files, convocation letters, the
 * intake's storage): readable by the service's account only. Every entry point calls this first,
 * so each file and folder it creates is 0600 / 0700 whatever the host's umask.
 */
export function keepFilesPrivate(): void {
  process.umask(0o077);
}

/** A file that came from elsewhere (the CAF's transfer into the drop folder) made private as it is taken in. */
export async function makePrivate(path: string): Promise<void> {
  await chmod(path, 0o600);
}
