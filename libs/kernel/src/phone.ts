/**
 * Phone number types (libphonenumber's `getType()`) that cannot receive an SMS. An unknown type is
 * tried. One list for the contact form (no SMS consent on such a number) and the SMS channel (a
 * number of these types fails at once, the person listed unreachable).
 */
export const NUMBER_TYPES_WITHOUT_SMS: ReadonlySet<string> = new Set(['FIXED_LINE', 'TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'VOICEMAIL', 'PAGER', 'UAN']);
