import type { NirVault } from '@rsa/beneficiary';

/** First byte of what was stored before sealing: a raw batch's gzip, a reject's XML. */
export const PLAIN_GZIP = 0x1f;
export const PLAIN_XML = 0x3c; // <

/**
 * The CAF's raw XML as the intake stored it (raw batches, rejects), opened: sealed by the NirVault,
 * or plain for rows written before sealing existed, told apart by their first byte. Empty (purged)
 * stays empty.
 */
export function openStoredRaw(vault: NirVault, stored: Buffer, plainFirstByte: number): Buffer {
  return stored.length === 0 || stored[0] === plainFirstByte ? stored : vault.openBytes(stored);
}

/** A reject's stored raw XML, as text. */
export function rawXmlOf(vault: NirVault, stored: Buffer): string {
  return openStoredRaw(vault, stored, PLAIN_XML).toString('utf8');
}
