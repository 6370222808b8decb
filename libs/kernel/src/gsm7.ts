/**
 * The GSM 03.38 alphabet (3GPP TS 23.038): what an SMS carries in 7-bit encoding, and what it
 * costs. A message with any other character is sent as UCS-2 instead, which halves what fits in a
 * segment (70 instead of 160) — so the channel renders GSM-7 only, and the SMS provider simulator
 * counts segments the way an operator does.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Sent as an escape septet followed by the character's own: each counts two septets. */
const EXTENSION = '\f^{}\\[~]|€';

const basicSet = new Set(BASIC);
const extensionSet = new Set(EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

/** Single-segment capacity, then per-segment capacity once the message is concatenated (UDH). */
const CAPACITY: Record<SmsEncoding, { single: number; multi: number }> = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
};

export function isGsm7Character(character: string): boolean {
  return basicSet.has(character) || extensionSet.has(character);
}

export function isGsm7(text: string): boolean {
  for (const character of text) if (!isGsm7Character(character)) return false;
  return true;
}

export function smsEncodingOf(text: string): SmsEncoding {
  return isGsm7(text) ? 'gsm7' : 'ucs2';
}

/** Septets for GSM-7 text, UTF-16 code units for UCS-2 text. */
export function smsUnits(text: string): number {
  if (!isGsm7(text)) return text.length;
  let units = 0;
  for (const character of text) units += extensionSet.has(character) ? 2 : 1;
  return units;
}

/**
 * How many segments the text takes. An escaped GSM-7 pair is never split across two segments,
 * so a concatenated message is filled pair by pair.
 */
export function smsSegmentCount(text: string): number {
  const encoding = smsEncodingOf(text);
  const { single, multi } = CAPACITY[encoding];
  const units = smsUnits(text);
  if (units === 0) return 0;
  if (units <= single) return 1;
  if (encoding === 'ucs2') return Math.ceil(units / multi);
  let segments = 1;
  let used = 0;
  for (const character of text) {
    const width = extensionSet.has(character) ? 2 : 1;
    if (used + width > multi) {
      segments += 1;
      used = 0;
    }
    used += width;
  }
  return segments;
}

/** The most units `segments` segments hold (GSM-7: 160, 306, 459…). */
export function smsCapacity(segments: number, encoding: SmsEncoding = 'gsm7'): number {
  const { single, multi } = CAPACITY[encoding];
  return segments <= 1 ? single : segments * multi;
}
