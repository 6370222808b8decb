import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { NUMBER_TYPES_WITHOUT_SMS } from '@rsa/kernel';
import { PermanentDeliveryError, SmsChannel, type Delivery } from '../../application/channels';
import type { Notice } from '../../domain/notice';
import { wireMessageKey } from './message-key';
import { renderSms } from './rendering/sms-renderer';

export interface HttpSmsChannelOptions {
  /** AppConfig.notifications.smsProviderUrl (a path prefix is kept). */
  providerUrl: string;
  apiKey: string;
  /** The alphanumeric sender shown on the phone. */
  sender: string;
  /** How long to wait for the provider's answer (default 10 s). */
  timeoutMs?: number;
}

/** The provider's reason, when it is a short code (it becomes the failed message's reason). */
function reasonOf(body: unknown): string {
  const reason = (body as { error?: { reason?: unknown } } | null)?.error?.reason;
  return typeof reason === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(reason) ? reason : 'rejected-by-provider';
}

/**
 * SMS through the provider's HTTP API. The message key travels as the `Idempotency-Key` header
 * and the `clientReference`: a retry after a lost answer gets the first message's id back and
 * sends nothing. 400/422 are the message's fault (permanent); 401/403 a misconfiguration and 429,
 * 5xx, timeouts an outage (retried). Errors name the key and the status, never the number or text.
 */
export class HttpSmsChannel extends SmsChannel {
  private readonly endpoint: string;

  constructor(private readonly options: HttpSmsChannelOptions) {
    super();
    this.endpoint = `${options.providerUrl.replace(/\/+$/, '')}/v1/messages`;
  }

  async send(notice: Notice, to: string): Promise<Delivery> {
    const key = notice.messageKey;
    const number = to.startsWith('+') ? parsePhoneNumberFromString(to) : undefined;
    if (!number?.isValid()) throw new PermanentDeliveryError(`sms ${key}: not a valid E.164 phone number`, 'invalid-phone-number');
    const type = number.getType();
    if (type && NUMBER_TYPES_WITHOUT_SMS.has(type)) throw new PermanentDeliveryError(`sms ${key}: the number cannot receive SMS (${type})`, 'not-a-mobile-number');

    const text = renderSms(notice);
    const idempotencyKey = wireMessageKey(key);
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.options.apiKey}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': idempotencyKey,
        },
        body: JSON.stringify({ to: number.number, text, sender: this.options.sender, clientReference: key }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new Error(`sms ${key}: the provider did not answer within ${timeoutMs} ms, to retry`);
      const code = ((error as Error & { cause?: { code?: string } }).cause?.code ?? name) || 'network error';
      throw new Error(`sms ${key}: the provider is unreachable (${code}), to retry`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) {
      const id = (body as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' || id === '') throw new Error(`sms ${key}: the provider answered ${response.status} without an id, to retry`);
      return { provider: 'sms-http', providerMessageId: id };
    }
    if (response.status === 400 || response.status === 422) {
      const reason = reasonOf(body);
      throw new PermanentDeliveryError(`sms ${key}: the provider refused it (${response.status} ${reason})`, reason);
    }
    if (response.status === 401 || response.status === 403) {
      throw new Error(`sms ${key}: the provider refused the API key (${response.status}); check SMS_PROVIDER_API_KEY`);
    }
    throw new Error(`sms ${key}: the provider answered ${response.status}, to retry`);
  }
}
