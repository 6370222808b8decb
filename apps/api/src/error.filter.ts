import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, LoggerService } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, maskTypedNirs } from '@rsa/kernel';
import { ErrorCodeRegistry } from '@rsa/platform';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** A DomainError whose code no context registered: a business refusal all the same. */
const UNMAPPED_DOMAIN_STATUS = HttpStatus.UNPROCESSABLE_ENTITY;

/**
 * Every error leaves the API as `{ error: { code, message, details } }`:
 * - DomainError: the status its context registered for its code (422 if none, logged as a bug);
 * - HttpException (ValidationPipe, NotFound, ...): its own status, code from the status name;
 * - anything else: 500 with a generic message; the real error goes to the log only.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(
    private readonly registry: ErrorCodeRegistry,
    private readonly logger: LoggerService = new Logger('ApiErrorFilter'),
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(exception);
    if (response.headersSent) return;
    response.status(status).json(body);
  }

  toResponse(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      let status = this.registry.statusOf(exception.code);
      if (status === undefined) {
        this.logger.warn(`Domain error code ${exception.code} has no HTTP status registered`);
        status = UNMAPPED_DOMAIN_STATUS;
      }
      return { status, body: errorBody(exception.code, exception.message, exception.details) };
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    const parserError = clientErrorOf(exception);
    if (parserError) return parserError;
    this.logger.error(
      exception instanceof Error ? exception.message : 'Non-error thrown',
      exception instanceof Error ? exception.stack : String(exception),
    );
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: errorBody('INTERNAL_ERROR', 'Internal server error') };
  }
}

function fromHttpException(exception: HttpException): { status: number; body: ErrorBody } {
  const status = exception.getStatus();
  const code = HttpStatus[status] ?? `HTTP_${status}`;
  const response = exception.getResponse();
  if (typeof response === 'string') return { status, body: errorBody(code, response) };
  const { statusCode: _statusCode, error: _error, message, ...rest } = response as Record<string, unknown>;
  // ValidationPipe: message is the list of constraint failures.
  if (Array.isArray(message)) {
    // Each constraint gives its message; a field's constraints may share one (`limit` out of range): said once.
    return { status, body: errorBody(status === 400 ? 'VALIDATION_FAILED' : code, 'Validation failed', { errors: [...new Set(message)], ...rest }) };
  }
  const text = typeof message === 'string' ? message : exception.message;
  return { status, body: errorBody(code, text, Object.keys(rest).length > 0 ? rest : undefined) };
}

/**
 * Errors of express middleware (body-parser: a body too large, malformed JSON) carry the HTTP status
 * meant for the client and `expose: true` (http-errors); their message is safe to show.
 */
function clientErrorOf(exception: unknown): { status: number; body: ErrorBody } | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { status, expose, message } = exception as { status?: unknown; expose?: unknown; message?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status > 499) return null;
  return { status, body: errorBody(HttpStatus[status] ?? `HTTP_${status}`, typeof message === 'string' ? message : 'Bad request') };
}

/**
 * A message may repeat what the client sent (Nest's "Cannot GET /path"), and so may the details (the
 * id asked for, a territory typed in the path): a NIR typed into any of their strings is masked.
 */
function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  const text = maskTypedNirs(message);
  return { error: details === undefined ? { code, message: text } : { code, message: text, details: maskedStrings(details) as Record<string, unknown> } };
}

function maskedStrings(value: unknown): unknown {
  if (typeof value === 'string') return maskTypedNirs(value);
  if (Array.isArray(value)) return value.map(maskedStrings);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskedStrings(inner)]));
  return value;
}
