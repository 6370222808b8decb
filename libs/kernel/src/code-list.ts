/**
 * Whether a value is one of a list of codes (`as const` arrays: reasons, statuses, categories),
 * narrowing it to the list's type. Null and undefined are never in a list.
 */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
