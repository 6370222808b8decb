import type { FileFaultCode } from '../../domain/household-record';

/**
 * A fault that makes the whole file unusable (CAF-FORMAT §13.6: undecodable, malformed outside a block,
 * missing header/footer, unknown NATFLUX, count mismatch…): the importer rejects the file and commits nothing.
 * Thrown by the reader's async generator; households yielded before it must be discarded by the caller.
 */
export class FileFaultError extends Error {
  override readonly name = 'FileFaultError';

  /**
   * `detail` is what went wrong, for the report and the registry, which carry the code beside it;
   * `message` prefixes the code, for logs and stacks.
   */
  constructor(
    readonly code: FileFaultCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
