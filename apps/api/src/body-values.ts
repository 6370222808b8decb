/** Marks the body parser's refusals of a value, so the error filter shows their message (and only theirs) as it is. */
export const BODY_REFUSAL = 'body-refusal: ';

/**
 * Reviver of every JSON body. A NUL character cannot be stored in PostgreSQL text; a key that names
 * an object's machinery (`__proto__`, `constructor`, `prototype`) is nothing a DTO has, and the
 * class-transformer behind the validation pipe fails on it (a 500) or drops it. Both are refused as
 * a malformed body (400) before any handler begins.
 */
export function refuseBodyValue(key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.includes('\u0000')) throw new SyntaxError(`${BODY_REFUSAL}a text value holds a NUL character`);
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new SyntaxError(`${BODY_REFUSAL}a key named "${key}" is not accepted`);
  return value;
}

/**
 * What a JSON body that did not parse is answered with. JSON.parse's messages quote the start of the
 * body (`Unexpected token 'B', "BENAISSA M"... is not valid JSON`): a name typed there would come
 * back. Only where it failed is kept; refuseBodyValue's refusals say nothing of the value and stay.
 */
export function parseFailureMessage(message: string): string {
  if (message.startsWith(BODY_REFUSAL)) return message.slice(BODY_REFUSAL.length);
  const position = /at position (\d+)/.exec(message)?.[1];
  // body-parser's strict mode refuses a bare value (`null`, `"x"`) the same way: every body is an object or a list.
  return position === undefined ? 'The body is not a JSON object or list' : `The body is not valid JSON (at character ${position})`;
}

/** body-parser's failure on a malformed JSON body (http-errors' `entity.parse.failed`). */
export function isParseFailure(error: unknown): error is { message: string } {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.parse.failed' && typeof (error as { message?: unknown }).message === 'string';
}
