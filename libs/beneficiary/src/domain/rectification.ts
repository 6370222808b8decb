import { holdsLongNumber } from '@rsa/kernel';
import { isCalendarDay } from '@rsa/platform';

/** CAF data a person may ask to rectify (the CAF is the source: the request goes to it). */
export const RECTIFIABLE_FIELDS = ['nom', 'nomnai', 'prenom', 'prenom2', 'prenom3', 'dtnai', 'sexe', 'nomcomnai', 'nir', 'address'] as const;
export type RectifiableField = (typeof RECTIFIABLE_FIELDS)[number];

/** The CAF's own lengths (VRSB0801, Identification), so the CAF can take what is forwarded. */
const NAME_LENGTHS: Partial<Record<RectifiableField, number>> = { nom: 28, nomnai: 28, prenom: 32, prenom2: 15, prenom3: 15, nomcomnai: 26 };
/** Letters (accented ones included), with spaces, hyphens and apostrophes between them. */
const NAME = /^\p{L}+(?:(?:[ '’-]|' )\p{L}+)*$/u;
/** A birth commune may carry an arrondissement's number (`PARIS 15E ARRONDISSEMENT`). */
const COMMUNE = /^[\p{L}0-9]+(?:(?:[ '’-]|' )[\p{L}0-9]+)*$/u;
const OLDEST_BIRTH = '1900-01-01';

/**
 * The value asked for, checked as the field it is for, or why not. A NIR has its own check (its
 * key) and is sealed; every other field is checked here: a name is a name (no digits, so no NIR
 * typed into `nom` is kept in clear), a birth day exists and has come, the sex is the CAF's code,
 * an address holds no long number. The value is trimmed, spaces inside collapsed.
 */
export function checkRequestedValue(field: Exclude<RectifiableField, 'nir'>, raw: string, today: string): { value: string } | { refusal: string } {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') return { refusal: 'The requested value is empty' };
  const length = NAME_LENGTHS[field];
  if (length !== undefined) {
    if (!(field === 'nomcomnai' ? COMMUNE : NAME).test(value)) return { refusal: `A ${field} is letters, with spaces, hyphens or apostrophes between them` };
    if (value.length > length) return { refusal: `A ${field} holds ${length} characters at most (the CAF's length)` };
    return { value };
  }
  switch (field) {
    case 'dtnai':
      if (!isCalendarDay(value)) return { refusal: 'A birth date is a day that exists, YYYY-MM-DD' };
      if (value > today || value < OLDEST_BIRTH) return { refusal: `A birth date falls between ${OLDEST_BIRTH} and today` };
      return { value };
    case 'sexe':
      return value === '1' || value === '2' ? { value } : { refusal: "The sex is the CAF's code: 1 (man) or 2 (woman)" };
    case 'address':
      if (holdsLongNumber(value)) return { refusal: 'An address holds no long number (a NIR, a CAF number)' };
      return { value };
    default:
      return { refusal: `Unknown field ${field as string}` };
  }
}
