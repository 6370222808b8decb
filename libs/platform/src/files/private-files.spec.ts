import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepFilesPrivate } from './private-files';

describe('keepFilesPrivate', () => {
  let previous: number;
  let dir: string;
  beforeEach(() => {
    previous = process.umask();
    dir = mkdtempSync(join(tmpdir(), 'rsa-private-'));
  });
  afterEach(() => {
    process.umask(previous);
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes every file and folder the process creates readable by its own account only', () => {
    process.umask(0o022);
    keepFilesPrivate();
    writeFileSync(join(dir, 'letter.pdf'), 'x');
    mkdirSync(join(dir, 'day'));
    expect(statSync(join(dir, 'letter.pdf')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'day')).mode & 0o777).toBe(0o700);
  });
});
