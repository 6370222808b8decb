import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isValidPhoneNumber } from 'libphonenumber-js';
import { smsEncodingOf, smsSegmentCount, type SmsEncoding } from '@rsa/kernel';
import { listen } from './listen';

/** A message the simulator accepted. */
export interface SimulatedSms {
  id: string;
  to: string;
  text: string;
  sender: string | null;
  clientReference: string | null;
  idempotencyKey: string | null;
  encoding: SmsEncoding;
  segments: number;
  receivedAt: Date;
}

export interface SmsStats {
  /** Messages accepted (each once, whatever the retries). */
  accepted: number;
  /** Idempotency keys (or client references) of accepted messages. */
  distinctKeys: number;
  /** Requests that repeated a known key: answered with the first answer, not sent again. */
  repeatedKeys: number;
  /** Requests answered with an error (injected, authentication, validation). */
  refused: number;
}

/**
 * The next requests' fate: an HTTP status (500, 503, 429, 401, 422…), or `timeout` (no answer until
 * the client gives up). With `acceptFirst`, the message is accepted before the failure: the answer
 * is lost, the message is not — what idempotency keys are for.
 */
export interface SmsFailure {
  count: number;
  status: number | 'timeout';
  /** `error.reason` of the answer (400/422: why the provider refuses). */
  reason?: string;
  acceptFirst?: boolean;
}

export interface SmsProviderSimulatorOptions {
  /** The Bearer key requests must carry (AppConfig.notifications.smsApiKey). */
  apiKey: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Longest message accepted, in segments (operators concatenate up to about this many). */
  maxSegments?: number;
  onMessage?: (sms: SimulatedSms) => void;
}

const MAX_BODY_BYTES = 64 * 1024;
const E164 = /^\+[1-9]\d{6,14}$/;
const SENDER = /^[A-Za-z0-9]{3,11}$/;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'body-too-large');
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpProblem(400, 'invalid-json');
}

const optionalString = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

const DEFAULT_REASONS: Record<number, string> = { 400: 'bad-request', 401: 'unauthorized', 403: 'forbidden', 422: 'rejected', 429: 'rate-limited' };

/**
 * An SMS provider's HTTP API, in process, faithful to what the SMS channel relies on:
 * `POST /v1/messages` with a Bearer key (401 otherwise), E.164 numbers and a bounded text (422
 * `{ error: { reason } }`), idempotency (the same `Idempotency-Key`, or `clientReference`, again is
 * answered 200 with the first message's id and sends nothing), 201 `{ id, status: 'accepted' }`;
 * `GET /v1/messages/:id`. A control API drives it from tests, or over HTTP from another process
 * (`POST /__control/fail`, `GET /__control/stats`, `GET /__control/messages`, `POST /__control/clear`).
 */
export class SmsProviderSimulator {
  private readonly server: Server;
  private readonly accepted: SimulatedSms[] = [];
  private readonly byKey = new Map<string, SimulatedSms>();
  private readonly failures: SmsFailure[] = [];
  /** Requests left hanging by a `timeout` failure: released on stop. */
  private readonly hanging = new Set<ServerResponse>();
  private repeated = 0;
  private refusedCount = 0;
  private boundPort: number | null = null;

  constructor(private readonly options: SmsProviderSimulatorOptions) {
    this.server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        if (error instanceof HttpProblem) {
          if (request.method === 'POST' && request.url === '/v1/messages') this.refusedCount += 1;
          return send(response, error.status, { error: { reason: error.reason } });
        }
        send(response, 500, { error: { reason: 'internal-error' } });
      });
    });
  }

  get port(): number {
    if (this.boundPort === null) throw new Error('the SMS provider simulator is not started');
    return this.boundPort;
  }

  /** http://127.0.0.1:<port>, for AppConfig.notifications.smsProviderUrl. */
  get url(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  async start(): Promise<this> {
    this.boundPort = await listen(this.server, this.options.port ?? 0, this.options.host ?? '127.0.0.1');
    return this;
  }

  async stop(): Promise<void> {
    if (this.boundPort === null) return;
    this.boundPort = null;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await closed;
  }

  failNext(failure: SmsFailure): void {
    if (failure.count > 0) this.failures.push({ ...failure });
  }

  messages(): SimulatedSms[] {
    return [...this.accepted];
  }

  stats(): SmsStats {
    return { accepted: this.accepted.length, distinctKeys: this.byKey.size, repeatedKeys: this.repeated, refused: this.refusedCount };
  }

  clear(): void {
    this.accepted.length = 0;
    this.byKey.clear();
    this.failures.length = 0;
    this.repeated = 0;
    this.refusedCount = 0;
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://simulator').pathname;
    if (request.method === 'POST' && path === '/v1/messages') return this.postMessage(request, response);
    const one = /^\/v1\/messages\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && one) return this.getMessage(request, response, decodeURIComponent(one[1]));
    if (path.startsWith('/__control/')) return this.control(request, response, path);
    throw new HttpProblem(404, 'not-found');
  }

  private authorise(request: IncomingMessage): void {
    if (request.headers.authorization !== `Bearer ${this.options.apiKey}`) throw new HttpProblem(401, 'unauthorized');
  }

  private takeFailure(): SmsFailure | null {
    const next = this.failures[0];
    if (!next) return null;
    next.count -= 1;
    if (next.count <= 0) this.failures.shift();
    return next;
  }

  private async postMessage(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const failure = this.takeFailure();
    if (failure && !failure.acceptFirst) return this.fail(response, failure);
    this.authorise(request);
    const body = await jsonBody(request);
    const key = optionalString(request.headers['idempotency-key']) ?? optionalString(body['clientReference']);
    const known = key ? this.byKey.get(key) : undefined;
    if (known) {
      this.repeated += 1;
      if (failure) return this.fail(response, failure);
      return send(response, 200, { id: known.id, status: 'accepted', segments: known.segments });
    }
    const sms = this.validate(body, key);
    this.accepted.push(sms);
    if (key) this.byKey.set(key, sms);
    this.options.onMessage?.(sms);
    if (failure) return this.fail(response, failure);
    send(response, 201, { id: sms.id, status: 'accepted', segments: sms.segments });
  }

  private validate(body: Record<string, unknown>, key: string | null): SimulatedSms {
    const { to, text, sender } = body;
    if (typeof to !== 'string' || !E164.test(to) || !isValidPhoneNumber(to)) throw new HttpProblem(422, 'invalid-number');
    if (typeof text !== 'string' || text.trim() === '') throw new HttpProblem(422, 'empty-text');
    const segments = smsSegmentCount(text);
    if (segments > (this.options.maxSegments ?? 6)) throw new HttpProblem(422, 'text-too-long');
    if (sender !== undefined && sender !== null && (typeof sender !== 'string' || !SENDER.test(sender))) throw new HttpProblem(422, 'invalid-sender');
    return {
      id: randomUUID(),
      to,
      text,
      sender: optionalString(sender),
      clientReference: optionalString(body['clientReference']),
      idempotencyKey: key,
      encoding: smsEncodingOf(text),
      segments,
      receivedAt: new Date(),
    };
  }

  private fail(response: ServerResponse, failure: SmsFailure): void {
    this.refusedCount += 1;
    if (failure.status === 'timeout') {
      this.hanging.add(response);
      response.on('close', () => this.hanging.delete(response));
      return;
    }
    const status = failure.status;
    const reason = failure.reason ?? DEFAULT_REASONS[status] ?? 'provider-unavailable';
    send(response, status, { error: { reason } }, status === 429 ? { 'Retry-After': '1' } : {});
  }

  private getMessage(request: IncomingMessage, response: ServerResponse, id: string): void {
    this.authorise(request);
    const sms = this.accepted.find((candidate) => candidate.id === id);
    if (!sms) throw new HttpProblem(404, 'not-found');
    send(response, 200, { id: sms.id, status: 'delivered', to: sms.to, segments: sms.segments, encoding: sms.encoding, createdAt: sms.receivedAt.toISOString() });
  }

  private async control(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    if (request.method === 'GET' && path === '/__control/stats') return send(response, 200, this.stats());
    if (request.method === 'GET' && path === '/__control/messages') return send(response, 200, this.messages());
    if (request.method === 'POST' && path === '/__control/clear') {
      this.clear();
      return send(response, 200, { cleared: true });
    }
    if (request.method === 'POST' && path === '/__control/fail') {
      const body = await jsonBody(request);
      const count = Number(body['count'] ?? 1);
      const status = body['status'] === 'timeout' ? 'timeout' : Number(body['status']);
      if (!Number.isInteger(count) || count < 1 || (status !== 'timeout' && !(status >= 400 && status <= 599))) {
        throw new HttpProblem(400, 'expected { count >= 1, status: 400-599 | "timeout" }');
      }
      this.failNext({ count, status, reason: optionalString(body['reason']) ?? undefined, acceptFirst: body['acceptFirst'] === true });
      return send(response, 200, { pending: this.failures.reduce((sum, f) => sum + f.count, 0) });
    }
    throw new HttpProblem(404, 'not-found');
  }
}
