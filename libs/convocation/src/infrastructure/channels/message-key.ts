import { PermanentDeliveryError } from '../../application/channels';

/**
 * The message key as every peer sees it: the letter's file name, the Message-ID's local part, the
 * SMS idempotency key. Letters, digits, "_", "-" and inner single dots pass as they are; anything
 * else is percent-encoded ("%" included), so two keys never meet on the wire and none can climb out
 * of the print folder or break a header.
 */
export function wireMessageKey(key: string): string {
  if (key.length === 0 || key.length > 200) {
    throw new PermanentDeliveryError('a message key has 1 to 200 characters', 'invalid-message-key');
  }
  const encode = (c: string): string =>
    [...Buffer.from(c, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  const wire = [...key].map((c) => (/[A-Za-z0-9_.-]/.test(c) ? c : encode(c))).join('');
  // A leading, trailing or doubled dot is neither a dot-atom (Message-ID) nor a plain file name.
  return /^\.|\.$|\.\./.test(wire) ? wire.replace(/\./g, '%2E') : wire;
}
