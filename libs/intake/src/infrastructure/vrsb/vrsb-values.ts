/**
 * Value formats of the CAF flux (CAF-FORMAT §3): every text node is trimmed (fixed-width padding such as
 * `CG  `), empty or self-closed elements mean "no value", dates are `YYYY-MM-DD` real calendar dates,
 * times carry any number of fraction digits, booleans are xsd:boolean, decimals are zero-padded.
 *
 * Checks are written with char codes rather than regular expressions: these run for every leaf of every
 * household (hundreds of millions of calls on a monthly file).
 */

/** Trimmed text, or null when absent, empty or blank. */
export function trimToNull(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function twoDigits(s: string, i: number): number {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** xsd:date and xsd:time may carry a time zone (`Z`, `+01:00`); the CAF writes none, we tolerate and drop it. */
function timeZoneLength(s: string, from: number): number {
  const rest = s.length - from;
  if (rest === 0) return 0;
  if (rest === 1 && s.charCodeAt(from) === 90 /* Z */) return 1;
  const sign = s.charCodeAt(from);
  if (rest === 6 && (sign === 43 || sign === 45) && s.charCodeAt(from + 3) === 58) {
    const hh = twoDigits(s, from + 1);
    const mm = twoDigits(s, from + 4);
    if (hh >= 0 && hh <= 14 && mm >= 0 && mm <= 59) return 6;
  }
  return -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` of a real calendar day (`2023-02-30` is refused), or undefined. Input must be trimmed. */
export function normaliseDate(value: string): string | undefined {
  if (value.length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined;
  if (timeZoneLength(value, 10) < 0) return undefined;
  const y1 = twoDigits(value, 0);
  const y2 = twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const year = y1 * 100 + y2;
  if (year === 0) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (day > maxDay) return undefined;
  return value.length === 10 ? value : value.slice(0, 10);
}

const FRACTION_ZEROS = '000000';

/**
 * `HH:MM:SS.ffffff` whatever fraction the CAF wrote (`01:18:36.0000`, `03:00:17.52`, `21:27:00`), or
 * undefined. Fractions longer than microseconds are truncated. `24:00:00`, the end of the day, is
 * the xsd:time it is (the next day's midnight, which headerInstant and PostgreSQL both read so); any
 * other hour 24 is not a time.
 */
export function normaliseTime(value: string): string | undefined {
  if (value.length < 8 || value.charCodeAt(2) !== 58 || value.charCodeAt(5) !== 58) return undefined;
  const hh = twoDigits(value, 0);
  const mm = twoDigits(value, 3);
  const ss = twoDigits(value, 6);
  if (hh < 0 || hh > 24 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return undefined;
  let end = 8;
  if (value.charCodeAt(8) === 46 /* . */) {
    end = 9;
    while (end < value.length && digitAt(value, end) >= 0) end++;
    if (end === 9) return undefined;
  }
  if (timeZoneLength(value, end) < 0) return undefined;
  const fraction = end > 9 ? value.slice(9, Math.min(end, 15)) : '';
  if (hh === 24 && (mm !== 0 || ss !== 0 || /[1-9]/.test(value.slice(9, end)))) return undefined;
  return `${value.slice(0, 8)}.${fraction}${FRACTION_ZEROS.slice(fraction.length)}`;
}

/** The time zone an xsd:time gives (`Z`, `+05:00`, `-03:30`), or null when it gives none. For a value normaliseTime accepts. */
export function timeZoneOf(value: string): string | null {
  let end = 8;
  if (value.charCodeAt(8) === 46 /* . */) {
    end = 9;
    while (end < value.length && digitAt(value, end) >= 0) end++;
  }
  return end < value.length ? value.slice(end) : null;
}

/** xsd:boolean: `0`, `1`, `false`, `true`; anything else is undefined. */
export function normaliseBoolean(value: string): boolean | undefined {
  switch (value) {
    case '1':
    case 'true':
      return true;
    case '0':
    case 'false':
      return false;
    default:
      return undefined;
  }
}

/**
 * A decimal as a string with at least two fraction digits, without padding zeros or a plus sign:
 * `0001675.00` → `1675.00`, `12` → `12.00`, `-12.5` → `-12.50`, `.5` → `0.50`; undefined when not a
 * decimal, or when it has more significant digits than `totalDigits` or more than `fractionDigits`
 * after the point (the schema's facets, leading and trailing zeros not counted). Kept as a string so
 * amounts are never rounded through a float.
 */
export function normaliseDecimal(value: string, totalDigits = Infinity, fractionDigits = Infinity): string | undefined {
  let i = 0;
  let negative = false;
  const first = value.charCodeAt(0);
  if (first === 43 /* + */ || first === 45 /* - */) {
    negative = first === 45;
    i = 1;
  }
  const intStart = i;
  while (i < value.length && digitAt(value, i) >= 0) i++;
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < value.length && value.charCodeAt(i) === 46 /* . */) {
    fracStart = i + 1;
    i = fracStart;
    while (i < value.length && digitAt(value, i) >= 0) i++;
    fracEnd = i;
  }
  if (i !== value.length || (intEnd === intStart && fracEnd === fracStart)) return undefined;

  let lead = intStart;
  while (lead < intEnd - 1 && value.charCodeAt(lead) === 48) lead++;
  const integer = intEnd === intStart ? '0' : value.slice(lead, intEnd);
  let significant = fracEnd;
  while (significant > fracStart && value.charCodeAt(significant - 1) === 48) significant--;
  const decimals = significant - fracStart;
  if (decimals > fractionDigits || (integer === '0' ? 0 : integer.length) + decimals > totalDigits) return undefined;
  let trail = fracEnd;
  while (trail > fracStart + 2 && value.charCodeAt(trail - 1) === 48) trail--;
  let fraction = value.slice(fracStart, trail);
  if (fraction.length < 2) fraction += '00'.slice(fraction.length);
  const zero = integer === '0' && /^0*$/.test(fraction);
  return `${negative && !zero ? '-' : ''}${integer}.${fraction}`;
}

/**
 * An xsd:integer leaf kept as the CAF wrote it (`034…` stays `034…`): digits only, at most
 * `totalDigits` of them, after the plus sign xsd:integer allows (`+1` is `1`; no CAF leaf is
 * negative). Zeros padding it beyond that width are dropped (`01` for a one-digit rank is `1`).
 * Undefined when it is not such a number.
 */
export function normaliseInteger(written: string, totalDigits: number): string | undefined {
  const value = written.charCodeAt(0) === 43 /* + */ ? written.slice(1) : written;
  if (value.length === 0) return undefined;
  for (let i = 0; i < value.length; i++) if (digitAt(value, i) < 0) return undefined;
  let start = 0;
  while (value.length - start > totalDigits && value.charCodeAt(start) === 48) start++;
  if (value.length - start > totalDigits) return undefined;
  return start === 0 ? value : value.slice(start);
}

/** A zero-padded non-negative counter (`00000001`, TransmissionFlux: at most 8 digits in vrsb0801.xsd), or undefined. */
export function parseCounter(value: string): number | undefined {
  if (value.length === 0 || value.length > 15) return undefined;
  for (let i = 0; i < value.length; i++) if (digitAt(value, i) < 0) return undefined;
  const count = Number(value);
  return count < 1e8 ? count : undefined;
}
