import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUUID } from 'class-validator';
import { holdsLongNumber } from '@rsa/kernel';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A caller's id is kept only if it looks like one (it ends up in logs, responses and the audit
 * trail): a UUID, or letters, digits and separators without a long number (a NIR, a phone) in it.
 */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const acceptable = (id: string) => isUUID(id) || (ACCEPTABLE_ID.test(id) && !holdsLongNumber(id));

/** The request id: the caller's `x-request-id` if sane, else a new uuid; echoed in the response. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers[REQUEST_ID_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  const id = given && acceptable(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
