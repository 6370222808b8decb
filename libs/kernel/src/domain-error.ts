/**
 * Base class of every business-rule refusal. Each context declares its own codes (an enum) and
 * subclasses; the API maps a code to an HTTP status, the worker treats it as not worth retrying.
 * Application code throws these, never HTTP exceptions: the same code runs in the worker.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/**
 * A DomainError whose code is one of a context's enum: `class IntakeError extends CodedError<IntakeErrorCode> {}`
 * and `throw new IntakeError(IntakeErrorCode.FileNotFound, 'No such file', { id })`.
 */
export class CodedError<C extends string> extends DomainError {
  constructor(
    readonly code: C,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}
