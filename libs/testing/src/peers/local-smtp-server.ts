import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import { listen } from './listen';

/** A message the server accepted, as the receiving side sees it. */
export interface ReceivedMail {
  /** The From header, as text. */
  from: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** Who authenticated (AUTH PLAIN/LOGIN), null without AUTH. */
  user: string | null;
  subject: string;
  text: string;
  html: string | null;
  /** The Message-ID header, angle brackets included, or null when the message has none. */
  messageId: string | null;
  /** Every header, name in lower case, value unfolded (the last one wins when repeated). */
  headers: Record<string, string>;
  /** What the server answered "queued as". */
  queueId: string;
  size: number;
  receivedAt: Date;
  /** Where it was written as .eml, when the server keeps a folder. */
  emlPath: string | null;
}

export interface SmtpStats {
  /** Messages accepted. */
  submissions: number;
  distinctMessageIds: number;
  /** Accepted messages whose Message-ID had been accepted before: what a receiving mailbox would deduplicate. */
  duplicateSubmissions: number;
  /** Messages answered with an injected failure. */
  refused: number;
  /** Sessions ended by a socket error (a client reset its connection). */
  connectionErrors: number;
}

/** An injected answer: an SMTP code (451 transient, 550 permanent…), or `timeout` (never answer). */
export type SmtpFailure = number | 'timeout';

export interface LocalSmtpServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Write each accepted message there as `<time>-<queue id>.eml`, for a person to open. */
  emlDir?: string | null;
  /** Called for each accepted message (the peers' entrypoint logs it). */
  onMessage?: (mail: ReceivedMail) => void;
  /** Called when a client's connection fails (reset, broken pipe); the server goes on. */
  onConnectionError?: (error: NodeJS.ErrnoException) => void;
}

interface PendingFailure {
  answer: SmtpFailure;
  stage: 'rcpt' | 'data';
  message: string | undefined;
  remaining: number;
}

function smtpError(code: number, message: string): SMTPServerError {
  const error: SMTPServerError = new Error(message);
  error.responseCode = code;
  return error;
}

function headersOf(lines: ReadonlyArray<{ key: string; line: string }>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) headers[key.toLowerCase()] = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  return headers;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * An SMTP relay for tests and the demo, in process: plain SMTP on localhost (no TLS), any AUTH
 * PLAIN/LOGIN accepted or none, every message parsed (mailparser) and kept in memory. It counts
 * submissions per Message-ID, as a receiving mailbox that deduplicates would see them, and can
 * answer the next messages with a chosen code, or not at all.
 */
export class LocalSmtpServer {
  private readonly server: SMTPServer;
  private readonly received: ReceivedMail[] = [];
  private readonly failures: PendingFailure[] = [];
  private refusedCount = 0;
  private connectionErrors = 0;
  private boundPort: number | null = null;

  constructor(private readonly options: LocalSmtpServerOptions = {}) {
    this.server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      size: 10 * 1024 * 1024,
      banner: 'rsa-parcours local SMTP peer',
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
      onRcptTo: (_address, _session, callback) => {
        const failure = this.takeFailure('rcpt');
        if (failure === null) return callback();
        if (failure.answer === 'timeout') return; // never answer: the client gives up
        callback(smtpError(failure.answer, failure.message ?? 'Recipient refused'));
      },
      onData: (stream, session, callback) => {
        this.onData(stream, session).then(
          (answer) => {
            if (answer !== 'timeout') callback(answer instanceof Error ? answer : null, answer instanceof Error ? undefined : answer);
          },
          (error: unknown) => callback(smtpError(451, `Local error: ${(error as Error).message}`)),
        );
      },
    });
    // A client that goes away mid-session (a worker killed, a pool closed) resets its socket; a mail
    // server shrugs that off. Without a listener the EventEmitter would throw it at the process.
    this.server.on('error', (error: NodeJS.ErrnoException) => {
      this.connectionErrors += 1;
      this.options.onConnectionError?.(error);
    });
  }

  get port(): number {
    if (this.boundPort === null) throw new Error('the SMTP server is not started');
    return this.boundPort;
  }

  /** smtp://127.0.0.1:<port>, for AppConfig.notifications.smtpUrl. */
  get url(): string {
    return `smtp://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  async start(): Promise<this> {
    if (this.options.emlDir) await mkdir(this.options.emlDir, { recursive: true });
    this.boundPort = await listen(this.server.server, this.options.port ?? 0, this.options.host ?? '127.0.0.1');
    return this;
  }

  /** Stops listening and drops open connections at once (a pooled client keeps them open). */
  async stop(): Promise<void> {
    if (this.boundPort === null) return;
    this.boundPort = null;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.server.connections) connection.close();
    await closed;
  }

  /**
   * The next `count` messages are answered `answer` (451 transient, 550 permanent…; `timeout`
   * answers nothing). By default at the end of DATA; `stage: 'rcpt'` refuses the recipient instead.
   */
  failNext(count: number, answer: SmtpFailure, options: { stage?: 'rcpt' | 'data'; message?: string } = {}): void {
    this.failures.push({ answer, stage: options.stage ?? 'data', message: options.message, remaining: count });
  }

  messages(): ReceivedMail[] {
    return [...this.received];
  }

  /** The accepted messages with this Message-ID (angle brackets optional). */
  messagesWithId(messageId: string): ReceivedMail[] {
    const wanted = messageId.startsWith('<') ? messageId : `<${messageId}>`;
    return this.received.filter((mail) => mail.messageId === wanted);
  }

  stats(): SmtpStats {
    const distinct = new Set(this.received.map((mail) => mail.messageId ?? `(none ${mail.queueId})`)).size;
    return { submissions: this.received.length, distinctMessageIds: distinct, duplicateSubmissions: this.received.length - distinct, refused: this.refusedCount, connectionErrors: this.connectionErrors };
  }

  clear(): void {
    this.received.length = 0;
    this.failures.length = 0;
    this.refusedCount = 0;
    this.connectionErrors = 0;
  }

  private takeFailure(stage: 'rcpt' | 'data'): PendingFailure | null {
    const next = this.failures[0];
    if (!next || next.stage !== stage) return null;
    next.remaining -= 1;
    if (next.remaining <= 0) this.failures.shift();
    this.refusedCount += 1;
    return next;
  }

  private async onData(stream: Readable, session: SMTPServerSession): Promise<string | SMTPServerError | 'timeout'> {
    const raw = await readAll(stream);
    const failure = this.takeFailure('data');
    if (failure) return failure.answer === 'timeout' ? 'timeout' : smtpError(failure.answer, failure.message ?? 'Message refused');
    const parsed = await simpleParser(raw);
    const queueId = randomBytes(5).toString('hex').toUpperCase();
    const receivedAt = new Date();
    let emlPath: string | null = null;
    if (this.options.emlDir) {
      emlPath = join(this.options.emlDir, `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${queueId}.eml`);
      await writeFile(emlPath, raw);
    }
    const mail: ReceivedMail = {
      from: parsed.from?.text ?? '',
      to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      user: typeof session.user === 'string' ? session.user : null,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : null,
      messageId: parsed.messageId ?? null,
      headers: headersOf(parsed.headerLines),
      queueId,
      size: raw.length,
      receivedAt,
      emlPath,
    };
    this.received.push(mail);
    this.options.onMessage?.(mail);
    return `Ok: queued as ${queueId}`;
  }
}
