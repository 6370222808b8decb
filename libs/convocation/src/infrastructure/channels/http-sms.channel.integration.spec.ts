import { aNotice, SmsProviderSimulator } from '@rsa/testing';
import { PermanentDeliveryError } from '../../application/channels';
import { HttpSmsChannel } from './http-sms.channel';
import { renderSms } from './rendering/sms-renderer';

const API_KEY = 'test-only-sms-key';
const MOBILE = '+33612345678';

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a failure');
  return error;
}

describe('HttpSmsChannel against the SMS provider simulator', () => {
  const simulator = new SmsProviderSimulator({ apiKey: API_KEY });
  let channel: HttpSmsChannel;

  beforeAll(async () => {
    await simulator.start();
    channel = new HttpSmsChannel({ providerUrl: simulator.url, apiKey: API_KEY, sender: 'LeNord', timeoutMs: 300 });
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.clear());

  it('sends the rendered SMS with the key as idempotency key and client reference', async () => {
    const notice = aNotice({ messageKey: 'conv-sms-1', kind: 'reminder' });
    const delivery = await channel.send(notice, '+33 6 12 34 56 78');
    const [sms] = simulator.messages();
    expect(delivery).toEqual({ provider: 'sms-http', providerMessageId: sms.id });
    expect(sms).toMatchObject({
      to: MOBILE,
      text: renderSms(notice),
      sender: 'LeNord',
      clientReference: 'conv-sms-1',
      idempotencyKey: 'conv-sms-1',
      encoding: 'gsm7',
      segments: 1,
    });
  });

  it('delivers once when the same message is sent twice', async () => {
    const notice = aNotice();
    const first = await channel.send(notice, MOBILE);
    const second = await channel.send(notice, MOBILE);
    expect(second.providerMessageId).toBe(first.providerMessageId);
    expect(simulator.stats()).toEqual({ accepted: 1, distinctKeys: 1, repeatedKeys: 1, refused: 0 });
  });

  it('delivers once when the provider accepted but the answer was lost', async () => {
    simulator.failNext({ count: 1, status: 'timeout', acceptFirst: true });
    const notice = aNotice();
    const lost = await failure(channel.send(notice, MOBILE));
    expect(lost).not.toBeInstanceOf(PermanentDeliveryError);
    const retry = await channel.send(notice, MOBILE);
    expect(retry.providerMessageId).toBe(simulator.messages()[0].id);
    expect(simulator.stats()).toMatchObject({ accepted: 1, repeatedKeys: 1 });
  });

  it.each([500, 503, 429])('fails a %s as transient, and the retry goes through', async (status) => {
    simulator.failNext({ count: 1, status });
    const notice = aNotice();
    const error = await failure(channel.send(notice, MOBILE));
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toContain(String(status));
    await channel.send(notice, MOBILE);
    expect(simulator.stats()).toMatchObject({ accepted: 1 });
  });

  it("fails a 400/422 as permanent, with the provider's reason", async () => {
    simulator.failNext({ count: 1, status: 422, reason: 'unreachable-number' });
    const error = await failure(channel.send(aNotice(), MOBILE));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ reason: 'unreachable-number' });
    simulator.failNext({ count: 1, status: 400, reason: 'has spaces <and> markup' });
    await expect(channel.send(aNotice(), MOBILE)).rejects.toMatchObject({ name: 'PermanentDeliveryError', reason: 'rejected-by-provider' });
  });

  it('fails a refused API key as transient (a misconfiguration to fix, not the message)', async () => {
    const misconfigured = new HttpSmsChannel({ providerUrl: simulator.url, apiKey: 'wrong-key-1', sender: 'LeNord' });
    const error = await failure(misconfigured.send(aNotice(), MOBILE));
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toContain('401');
    expect(error.message).toContain('SMS_PROVIDER_API_KEY');
    simulator.failNext({ count: 1, status: 403 });
    expect(await failure(channel.send(aNotice(), MOBILE))).not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('gives up after its timeout, as transient', async () => {
    simulator.failNext({ count: 1, status: 'timeout' });
    const started = Date.now();
    const error = await failure(channel.send(aNotice(), MOBILE));
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toContain('did not answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(simulator.stats().accepted).toBe(0);
  });

  it('fails an unreachable provider as transient', async () => {
    const down = new SmsProviderSimulator({ apiKey: API_KEY });
    await down.start();
    const url = down.url;
    await down.stop();
    const error = await failure(new HttpSmsChannel({ providerUrl: url, apiKey: API_KEY, sender: 'LeNord' }).send(aNotice(), MOBILE));
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('refuses, for good and before any request, numbers that cannot get an SMS, without printing them', async () => {
    for (const [to, reason] of [
      ['0612345678', 'invalid-phone-number'],
      ['+3361234', 'invalid-phone-number'],
      ['+33 6 12', 'invalid-phone-number'],
      ['not a number', 'invalid-phone-number'],
      ['+33320000000', 'not-a-mobile-number'],
    ]) {
      const error = await failure(channel.send(aNotice(), to));
      expect(error).toBeInstanceOf(PermanentDeliveryError);
      expect(error).toMatchObject({ reason });
      expect(error.message).not.toContain(to);
    }
    expect(simulator.stats()).toEqual({ accepted: 0, distinctKeys: 0, repeatedKeys: 0, refused: 0 });
  });

  it('keeps a path prefix of the provider URL', async () => {
    const prefixed = new HttpSmsChannel({ providerUrl: `${simulator.url}/`, apiKey: API_KEY, sender: 'LeNord' });
    await prefixed.send(aNotice(), MOBILE);
    expect(simulator.stats().accepted).toBe(1);
  });
});
