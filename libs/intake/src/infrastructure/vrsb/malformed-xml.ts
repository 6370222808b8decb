import type { SaxesParser } from 'saxes';
import { FileFaultError } from './file-fault.error';

/** A saxes well-formedness error as a file fault, with the line and column saxes reached. */
export function malformedXml(parser: SaxesParser, error: Error): FileFaultError {
  const reason = error.message.replace(/^\d+:\d+: /, '');
  return new FileFaultError('MALFORMED_XML', `XML not well-formed at line ${parser.line}, column ${parser.column}: ${reason}`);
}
