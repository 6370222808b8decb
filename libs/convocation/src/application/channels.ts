import type { Notice } from '../domain/notice';

/** What a channel reports once a message is handed over. */
export interface Delivery {
  /** `print-folder`, `smtp`, the SMS provider's name. */
  provider: string;
  /** The provider's id for the message (SMS id, SMTP queue id), when it gives one. */
  providerMessageId: string | null;
  /** Where a letter was written. */
  path?: string;
}

/** Not worth retrying: an invalid number, an address refused for good. The message is failed, with this reason. */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * Channel adapters. Each send is idempotent on `notice.messageKey`: the letter file is named by it,
 * the email's Message-ID is made from it, the SMS provider receives it as the idempotency key. A
 * retry after a crash therefore never delivers twice where the peer honours the key (see README).
 * Any error other than PermanentDeliveryError is retried with backoff.
 */
export abstract class LetterChannel {
  /** Renders the letter (PDF) and drops it where the print service picks it up. */
  abstract send(notice: Notice): Promise<Delivery & { path: string }>;
}

export abstract class EmailChannel {
  abstract send(notice: Notice, to: string): Promise<Delivery>;
}

export abstract class SmsChannel {
  /** `to` is E.164 (+33…). */
  abstract send(notice: Notice, to: string): Promise<Delivery>;
}
