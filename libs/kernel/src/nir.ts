/**
 * NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale").
 * 13 characters: sex, birth year, birth month, birth département (2A/2B for Corsica), commune or
 * country, order number; the 2-digit key is 97 - (NIR13 mod 97), Corsica counted as 19 (2A) and
 * 18 (2B). Bénéficiaire files carry the 13 characters without key; other flows carry all 15.
 */
const NIR13 = /^[1-478]\d{4}(?:\d{2}|2A|2B)\d{6}$/;

export interface NirCheck {
  /** The 13 significant characters, uppercased, when the shape is right. */
  nir13: string | null;
  /** The computed key (2 digits). */
  key: string | null;
  valid: boolean;
  reason: 'ok' | 'empty' | 'bad-shape' | 'bad-key';
}

/** Computes the 2-digit key of a 13-character NIR whose shape is already valid. */
export function nirKey(nir13: string): string {
  const numeric = nir13.toUpperCase().replace('2A', '19').replace('2B', '18');
  // 13 digits exceed 2^53 only past 9.007e15, so Number is exact here; BigInt keeps it obvious.
  const rest = Number(BigInt(numeric) % 97n);
  return String(97 - rest).padStart(2, '0');
}

/**
 * Checks a NIR as found in a CAF file: 13 characters (key computed) or 15 (key computed and
 * compared). Spaces are ignored. Anything else is invalid, and the person is then matched on
 * (NOMNAI, PRENOM, DTNAI, RGNAI) instead.
 */
export function checkNir(raw: string | null | undefined): NirCheck {
  const value = (raw ?? '').replace(/\s+/g, '').toUpperCase();
  if (value === '') return { nir13: null, key: null, valid: false, reason: 'empty' };
  if (value.length !== 13 && value.length !== 15) return { nir13: null, key: null, valid: false, reason: 'bad-shape' };
  const nir13 = value.slice(0, 13);
  if (!NIR13.test(nir13)) return { nir13: null, key: null, valid: false, reason: 'bad-shape' };
  const key = nirKey(nir13);
  if (value.length === 15 && value.slice(13) !== key) return { nir13, key, valid: false, reason: 'bad-key' };
  return { nir13, key, valid: true, reason: 'ok' };
}

/** `1 88 04 93 000 123 ••` style mask: keeps sex and birth year/month, hides the rest. */
export function maskNir(nir13: string | null): string | null {
  if (!nir13) return null;
  return `${nir13.slice(0, 5)}${'•'.repeat(8)}`;
}

/**
 * A NIR as a file wrote it (13 or 15 characters, maybe padded or invalid), masked: the maskNir form
 * when it has the shape of one, else only bullets. For copies of what the CAF sent (raw XML, its
 * blocks) that must not show a NIR in clear.
 */
export function maskRawNir(raw: string): string {
  return maskNir(checkNir(raw).nir13) ?? '•'.repeat(raw.trim().length);
}

/** A NIR's shape (13 characters, maybe its 2-digit key) standing alone, wherever it is. */
const NIR_SHAPED = /(?<![0-9A-Za-z])([1-478][0-9]{4}(?:[0-9]{2}|2[AaBb])[0-9]{6})(?:[0-9]{2})?(?![0-9A-Za-z])/g;

/**
 * Free text (a URL path, an error message, a copy of CAF XML) with anything shaped like a NIR
 * masked as maskNir does: for text that should hold none but may (a NIR typed into a URL, a
 * shifted export). A 13-digit number that only looks like a NIR is masked too.
 */
/**
 * A NIR written in its groups (sex, year, month, department, commune, order, key), one separator
 * between them: a space, a dot or a dash, the same each time (`1 73 07 59 000 506 12`).
 */
const NIR_GROUPED = /(?<![0-9A-Za-z])([1-478])([ .-])([0-9]{2})\2([0-9]{2})\2([0-9]{2}|2[AaBb])\2([0-9]{3})\2([0-9]{3})(?:\2[0-9]{2})?(?![0-9A-Za-z])/g;

/**
 * maskNirShaped for what a caller typed (a request path, an error quoting one, a path parameter
 * written to the audit trail, an uploaded file's name): its percent escapes are read first, so that
 * a NIR written in its groups and encoded (`2%2088%2004…`) is masked too, even beside a malformed
 * escape that would make a whole-string decode fail; and a NIR written loosely (other separators,
 * overseas groups, a word glued to it) is masked as well.
 */
export function maskTypedNirs(text: string): string {
  // Encoded twice or three times (`%2520`) too: read again while escapes are left, three passes at
  // most; a run of escapes is read as UTF-8 (a no-break space, `%C2%A0`), one that is not left as it
  // is. The reading is for the search only: text where nothing is masked comes back as it was.
  let read = text;
  for (let pass = 0; pass < 3; pass++) {
    const next = read.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run.replace(/%([0-7][0-9A-Fa-f])/g, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      }
    });
    if (next === read) break;
    read = next;
  }
  const masked = maskLooselyWrittenNirs(maskNirShaped(read));
  return masked === read ? text : masked;
}

/** Between the groups of a NIR someone typed: spaces of any kind, a dot or a dash (spaced or not), an underscore, a plus. */
const LOOSE_SEPARATOR = '(?:[ \\u00A0\\u2007\\u2009\\u202F]*[.-][ \\u00A0\\u2007\\u2009\\u202F]*|[ _+\\u00A0\\u2007\\u2009\\u202F])';
/**
 * A NIR in its groups, whatever the separators between them (one may differ from the next), with
 * the department of two characters and the commune of three, or (born overseas) of three and two.
 */
const LOOSE_GROUPED = new RegExp(
  `(?<![0-9A-Za-z])([1-478])${LOOSE_SEPARATOR}([0-9]{2})${LOOSE_SEPARATOR}([0-9]{2})${LOOSE_SEPARATOR}(?:(?:[0-9]{2}|2[AaBb])${LOOSE_SEPARATOR}[0-9]{3}|97[0-9]${LOOSE_SEPARATOR}[0-9]{2})${LOOSE_SEPARATOR}[0-9]{3}(?:${LOOSE_SEPARATOR}[0-9]{2})?(?![0-9])`,
  'g',
);
/** A NIR written whole, glued to a word before or after it (`nir1880459…`, `…000073a`); digits on either side make it no NIR. */
const GLUED = /(?<![0-9])([1-478][0-9]{4}(?:[0-9]{2}|2[AaBb])[0-9]{6})(?:[0-9]{2})?(?![0-9])/g;

/**
 * What maskNirShaped leaves of a NIR written loosely: separators other than one repeated, groups
 * of an overseas birth (`1 88 04 971 23 456 78`), thin or no-break spaces, a word glued to it. A
 * UUID, a date, a SIRET or an amount has none of these shapes and is left alone.
 */
function maskLooselyWrittenNirs(text: string): string {
  return text
    .replace(LOOSE_GROUPED, (_match, sex: string, year: string, month: string) => `${sex} ${year} ${month} ${'•'.repeat(8)}`)
    .replace(GLUED, (_match, nir13: string) => `${nir13.slice(0, 5)}${'•'.repeat(8)}`);
}

export function maskNirShaped(text: string): string {
  return text
    .replace(NIR_SHAPED, (_match, nir13: string) => `${nir13.slice(0, 5)}${'•'.repeat(8)}`)
    .replace(NIR_GROUPED, (_match, sex: string, separator: string, year: string, month: string) => `${sex}${separator}${year}${separator}${month}${separator}${'•'.repeat(8)}`);
}

/**
 * True when a free identifier (a request reference, a caller's request id) carries a long number:
 * seven digits or more in a row (a CAF number, a NIR), or thirteen once the separators written
 * between groups (`.`, `_`, `/`, `-`, `:`, spaces) are set aside (a NIR in its groups,
 * `2-94-05-59-000-003-83`), while `DSR-2026-0042` passes.
 */
export function holdsLongNumber(text: string): boolean {
  return /[0-9]{7}/.test(text) || /[0-9]{13}/.test(text.replace(/(?<=[0-9])[._/:\s-]+(?=[0-9])/g, ''));
}
