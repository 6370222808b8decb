import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string (as UTF-8) or bytes: the fingerprint of files, raw blocks and payloads. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
