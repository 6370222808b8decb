import { ArgumentsHost, BadRequestException, HttpStatus, LoggerService, NotFoundException, ServiceUnavailableException, ValidationPipe } from '@nestjs/common';
import { IsInt, IsString } from 'class-validator';
import { DomainError } from '@rsa/kernel';
import { ErrorCodeRegistry } from '@rsa/platform';
import { ApiErrorFilter } from './error.filter';

class FileNotFound extends DomainError {
  readonly code = 'TEST_FILE_NOT_FOUND';
}
class Unmapped extends DomainError {
  readonly code = 'TEST_UNMAPPED';
}

function silentLogger(): jest.Mocked<LoggerService> {
  return { log: jest.fn(), error: jest.fn(), warn: jest.fn(), debug: jest.fn(), verbose: jest.fn() };
}

/** Runs the filter on a fake express response and returns what it sent. */
function send(filter: ApiErrorFilter, exception: unknown): { status: number; body: unknown } {
  const sent = { status: 0, body: undefined as unknown };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  filter.catch(exception, host);
  return sent;
}

describe('ApiErrorFilter', () => {
  const registry = new ErrorCodeRegistry().register({ TEST_FILE_NOT_FOUND: 404 });

  it('maps a DomainError to the status registered for its code', () => {
    const filter = new ApiErrorFilter(registry, silentLogger());
    expect(send(filter, new FileNotFound('No file 42', { fileId: '42' }))).toEqual({
      status: 404,
      body: { error: { code: 'TEST_FILE_NOT_FOUND', message: 'No file 42', details: { fileId: '42' } } },
    });
  });

  it('masks a NIR the caller typed wherever it comes back: the message and every string of the details', () => {
    const filter = new ApiErrorFilter(registry, silentLogger());
    const typed = new FileNotFound('No file 1880459000073', { fileId: '1880459000073', asked: ['2 88 04 59 000 073'], nested: { territoryId: '188045900007312' }, count: 3 });
    expect(send(filter, typed).body).toEqual({
      error: {
        code: 'TEST_FILE_NOT_FOUND',
        message: 'No file 18804••••••••',
        details: { fileId: '18804••••••••', asked: ['2 88 04 ••••••••'], nested: { territoryId: '18804••••••••' }, count: 3 },
      },
    });
  });

  it('masks a NIR written in its groups and URL-encoded in a message quoting the path (a parameter that failed to decode)', () => {
    const filter = new ApiErrorFilter(registry, silentLogger());
    const { body } = send(filter, new BadRequestException("Failed to decode param '1%2088%2004%2059%20000%20073/places%'"));
    expect(JSON.stringify(body)).not.toMatch(/2059|000%20073|000 073/);
  });

  it('maps an unregistered DomainError to 422 and reports the missing mapping', () => {
    const logger = silentLogger();
    const { status, body } = send(new ApiErrorFilter(registry, logger), new Unmapped('Refused'));
    expect(status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    expect(body).toEqual({ error: { code: 'TEST_UNMAPPED', message: 'Refused' } });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('TEST_UNMAPPED'));
  });

  it('gives ValidationPipe failures the same shape, with the constraint messages', async () => {
    class Dto {
      @IsString() name!: string;
      @IsInt() age!: number;
    }
    const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
    const error = await pipe.transform({ name: 3, extra: true }, { type: 'body', metatype: Dto }).catch((e: unknown) => e);
    const { status, body } = send(new ApiErrorFilter(registry, silentLogger()), error);
    expect(status).toBe(400);
    const { error: payload } = body as { error: { code: string; details: { errors: string[] } } };
    expect(payload.code).toBe('VALIDATION_FAILED');
    expect(payload.details.errors).toEqual(
      expect.arrayContaining(['property extra should not exist', 'name must be a string', 'age must be an integer number']),
    );
  });

  it('keeps the status of other HTTP exceptions, with a code named after it', () => {
    const filter = new ApiErrorFilter(registry, silentLogger());
    expect(send(filter, new NotFoundException('Cannot GET /nope'))).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'Cannot GET /nope' } },
    });
    expect(send(filter, new BadRequestException('Bad upload'))).toEqual({
      status: 400,
      body: { error: { code: 'BAD_REQUEST', message: 'Bad upload' } },
    });
    expect(send(filter, new ServiceUnavailableException({ status: 'error', info: {} }))).toEqual({
      status: 503,
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'Service Unavailable Exception', details: { status: 'error', info: {} } } },
    });
  });

  it('keeps the client status of express middleware errors (body too large, malformed JSON)', () => {
    const filter = new ApiErrorFilter(registry, silentLogger());
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, expose: true, type: 'entity.too.large' });
    expect(send(filter, tooLarge)).toEqual({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'request entity too large' } } });
    // Not exposed (a server-side failure that happens to carry a status): still a plain 500.
    expect(send(filter, Object.assign(new Error('db down'), { status: 503, expose: false })).status).toBe(500);
  });

  it('answers 500 without leaking anything else, and logs the real error', () => {
    const logger = silentLogger();
    const { status, body } = send(new ApiErrorFilter(registry, logger), new Error('relation "person" does not exist, NIR 1880493000123'));
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Internal server error' } });
    expect(JSON.stringify(body)).not.toContain('person');
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('relation "person"'), expect.any(String));
  });

  it('treats thrown non-errors as internal errors', () => {
    expect(send(new ApiErrorFilter(registry, silentLogger()), 'boom').status).toBe(500);
  });
});
