import { smsCapacity, smsUnits } from '@rsa/kernel';
import type { Notice } from '../../../domain/notice';
import { toGsm7 } from './gsm7-transliteration';
import { SMS_TERSENESS, WORDINGS } from './wording';

/** At most two segments (306 GSM-7 characters): longer messages arrive late or out of order. */
export const SMS_MAX_UNITS = smsCapacity(2);
/** A reminder should fit in one segment. */
export const SMS_REMINDER_UNITS = smsCapacity(1);

function tidy(text: string): string {
  return toGsm7(text).replace(/\s+/g, ' ').trim();
}

function cutToUnits(text: string, max: number): string {
  let out = '';
  for (const character of text) {
    if (smsUnits(out + character) > max) break;
    out += character;
  }
  return out;
}

/**
 * The SMS of a notice, GSM-7 only: the richest wording within the kind's target (one segment for a
 * reminder, two otherwise), else the richest within two segments. The tersest wording caps every
 * field it prints, so the final cut only guards the limit.
 */
export function renderSms(notice: Notice): string {
  const wording = WORDINGS[notice.kind];
  const variants = SMS_TERSENESS.map((terseness) => tidy(wording.sms(notice, terseness)));
  const target = notice.kind === 'reminder' ? SMS_REMINDER_UNITS : SMS_MAX_UNITS;
  const fitting = variants.find((text) => smsUnits(text) <= target) ?? variants.find((text) => smsUnits(text) <= SMS_MAX_UNITS);
  return fitting ?? cutToUnits(variants[variants.length - 1], SMS_MAX_UNITS);
}
