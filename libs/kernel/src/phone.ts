import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone number types (libphonenumber's `getType()`) that cannot receive an SMS. An unknown type is
 * tried. One list for the contact form (no SMS consent on such a number) and the SMS channel (a
 * number of these types fails at once, the person listed unreachable).
 */
export const NUMBER_TYPES_WITHOUT_SMS: ReadonlySet<string> = new Set(['FIXED_LINE', 'TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'VOICEMAIL', 'PAGER', 'UAN']);

/**
 * False for a stored number (E.164) whose type cannot receive an SMS (a landline…); an unknown type
 * may. The contact form refuses SMS consent on such a number, and the planner plans no SMS to one
 * that held consent before the form refused it (it would fail and list the person unreachable).
 */
export function receivesSms(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return !(type && NUMBER_TYPES_WITHOUT_SMS.has(type));
}
