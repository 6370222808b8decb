import nodemailer, { type Transporter } from 'nodemailer';
import { EmailChannel, PermanentDeliveryError, type Delivery } from '../../application/channels';
import type { Notice } from '../../domain/notice';
import { wireMessageKey } from './message-key';
import { renderEmail } from './rendering/email-renderer';
import { smtpPoolOptions, type SmtpTimeouts } from './smtp-transport-options';

export interface SmtpEmailChannelOptions {
  /** AppConfig.notifications.smtpUrl. */
  smtpUrl: string;
  /** AppConfig.notifications.from. */
  from: string;
  timeouts?: Partial<SmtpTimeouts>;
  maxConnections?: number;
}

/** The domain of our Message-IDs: the message key makes them unique and stable across retries. */
export const MESSAGE_ID_DOMAIN = 'rsa-parcours.lenord.fr';
export const MESSAGE_KEY_HEADER = 'X-RSA-Message-Key';

const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectionTimeoutMs: 10_000, socketTimeoutMs: 30_000 };

/** Deliberately loose (the beneficiary context validated it): one address, no spaces nor separators. */
const EMAIL = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\]+$/;

interface SmtpFailure {
  code?: string;
  responseCode?: number;
}

/**
 * 5xx: the relay refuses for good (unknown mailbox, policy). Authentication refusals (535…) are a
 * misconfiguration, not the message's fault: retried, they show in failed jobs. Everything else —
 * 4xx, refused connections, timeouts — is transient. Messages name codes, never the relay's text
 * (it quotes the address).
 */
function classify(error: unknown, key: string): Error {
  const { code, responseCode } = (error ?? {}) as SmtpFailure;
  const what = [code, responseCode].filter(Boolean).join(' ') || 'unknown error';
  if (code !== 'EAUTH' && responseCode !== undefined && responseCode >= 500 && responseCode < 600) {
    return new PermanentDeliveryError(`email ${key}: the SMTP relay refused it (${what})`, 'smtp-rejected');
  }
  if (code === 'EENVELOPE' && responseCode === undefined) {
    return new PermanentDeliveryError(`email ${key}: no valid recipient (${what})`, 'invalid-email-address');
  }
  return new Error(`email ${key}: SMTP delivery failed (${what}), to retry`);
}

/** "250 Ok: queued as 4F2A…" → "4F2A…" (Postfix and most relays say it so). */
function queueIdOf(response: string | undefined): string | null {
  return /queued as ([^\s]+)/i.exec(response ?? '')?.[1] ?? null;
}

/**
 * Email through the SMTP relay (pooled connections). The Message-ID is made from the message key,
 * so a retry sends the same message again: receiving mailboxes that deduplicate by Message-ID show
 * it once (SMTP itself has no idempotency; the local SMTP peer counts such duplicate submissions).
 */
export class SmtpEmailChannel extends EmailChannel {
  private readonly transport: Transporter;
  private closed = false;

  constructor(private readonly options: SmtpEmailChannelOptions) {
    super();
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.transport = nodemailer.createTransport(smtpPoolOptions(options.smtpUrl, timeouts, options.maxConnections));
  }

  async send(notice: Notice, to: string): Promise<Delivery> {
    // A closed nodemailer pool queues the message forever: refuse instead (retried after restart).
    if (this.closed) throw new Error(`email ${notice.messageKey}: the email channel is closed (shutting down), to retry`);
    const key = wireMessageKey(notice.messageKey);
    if (!EMAIL.test(to)) throw new PermanentDeliveryError(`email ${notice.messageKey}: not an email address`, 'invalid-email-address');
    const email = renderEmail(notice);
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<${key}@${MESSAGE_ID_DOMAIN}>`,
        headers: { [MESSAGE_KEY_HEADER]: key },
      });
      return { provider: 'smtp', providerMessageId: queueIdOf((info as { response?: string }).response) };
    } catch (error) {
      throw classify(error, notice.messageKey);
    }
  }

  /** Closes the pooled connections (on shutdown). */
  close(): void {
    this.closed = true;
    this.transport.close();
  }
}
