/** Helpers for checking the shape of what a body brings (any JSON) before its rules are read. */

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The keys of `value` that are not among `known`. */
export const unknownKeys = (value: Record<string, unknown>, known: readonly string[]): string[] => Object.keys(value).filter((k) => !known.includes(k));
