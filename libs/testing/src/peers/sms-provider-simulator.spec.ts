import { SmsProviderSimulator } from './sms-provider-simulator';

const KEY = 'test-only-sms-key';

describe('SmsProviderSimulator', () => {
  const simulator = new SmsProviderSimulator({ apiKey: KEY });
  beforeAll(() => simulator.start());
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.clear());

  const post = (body: unknown, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<Response> =>
    fetch(`${simulator.url}/v1/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  const message = { to: '+33612345678', text: 'Bonjour, rappel de votre rendez-vous.', sender: 'LeNord', clientReference: 'ref-1' };

  it('accepts a message (201) and shows it', async () => {
    const answer = await post(message);
    expect(answer.status).toBe(201);
    const body = (await answer.json()) as { id: string; status: string };
    expect(body).toMatchObject({ status: 'accepted', segments: 1 });
    const shown = await fetch(`${simulator.url}/v1/messages/${body.id}`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(await shown.json()).toMatchObject({ id: body.id, to: '+33612345678', status: 'delivered', encoding: 'gsm7' });
    expect(simulator.messages()).toEqual([expect.objectContaining({ id: body.id, clientReference: 'ref-1', sender: 'LeNord' })]);
  });

  it('answers a repeated idempotency key with the first id and sends nothing more', async () => {
    const first = (await (await post(message, { 'Idempotency-Key': 'k-1' })).json()) as { id: string };
    const again = await post(message, { 'Idempotency-Key': 'k-1' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
    // Without the header, the client reference is the key.
    await post({ ...message, clientReference: 'ref-2' });
    expect((await post({ ...message, clientReference: 'ref-2' })).status).toBe(200);
    expect(simulator.stats()).toEqual({ accepted: 2, distinctKeys: 2, repeatedKeys: 2, refused: 0 });
  });

  it('refuses a wrong key (401), a bad number, an empty or too long text and a bad sender (422)', async () => {
    expect((await post(message, { Authorization: 'Bearer nope' })).status).toBe(401);
    for (const [body, reason] of [
      [{ ...message, to: '0612345678' }, 'invalid-number'],
      [{ ...message, to: '+3361234' }, 'invalid-number'],
      [{ ...message, text: ' ' }, 'empty-text'],
      [{ ...message, text: 'a'.repeat(153 * 6 + 1) }, 'text-too-long'],
      [{ ...message, sender: 'Le Nord du Département' }, 'invalid-sender'],
    ] as const) {
      const answer = await post(body);
      expect(answer.status).toBe(422);
      expect(await answer.json()).toEqual({ error: { reason } });
    }
    expect(simulator.stats()).toMatchObject({ accepted: 0, refused: 6 });
  });

  it('counts UCS-2 segments as an operator does', async () => {
    await post({ ...message, text: 'ç'.repeat(71) });
    expect(simulator.messages()[0]).toMatchObject({ encoding: 'ucs2', segments: 2 });
  });

  it('fails the next requests as told, also over its HTTP control API', async () => {
    simulator.failNext({ count: 1, status: 503 });
    expect((await post(message)).status).toBe(503);
    const control = await fetch(`${simulator.url}/__control/fail`, { method: 'POST', body: JSON.stringify({ count: 1, status: 429 }) });
    expect(control.status).toBe(200);
    const limited = await post(message);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await post(message)).status).toBe(201);
    const stats = await (await fetch(`${simulator.url}/__control/stats`)).json();
    expect(stats).toEqual({ accepted: 1, distinctKeys: 1, repeatedKeys: 0, refused: 2 });
    const listed = (await (await fetch(`${simulator.url}/__control/messages`)).json()) as unknown[];
    expect(listed).toHaveLength(1);
  });

  it('hangs on a timeout until the client gives up', async () => {
    simulator.failNext({ count: 1, status: 'timeout' });
    await expect(post(message, {}, 200)).rejects.toThrow();
    expect(simulator.stats().accepted).toBe(0);
  });

  it('can accept a message and lose the answer', async () => {
    simulator.failNext({ count: 1, status: 'timeout', acceptFirst: true });
    await expect(post(message, { 'Idempotency-Key': 'lost' }, 200)).rejects.toThrow();
    const retry = await post(message, { 'Idempotency-Key': 'lost' });
    expect(retry.status).toBe(200);
    expect(simulator.stats()).toMatchObject({ accepted: 1, repeatedKeys: 1 });
  });
});
