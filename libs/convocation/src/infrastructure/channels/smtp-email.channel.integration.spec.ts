import { aNotice, LocalSmtpServer } from '@rsa/testing';
import { PermanentDeliveryError } from '../../application/channels';
import { renderEmail } from './rendering/email-renderer';
import { SmtpEmailChannel } from './smtp-email.channel';

const FROM = 'Département du Nord - RSA <ne-pas-repondre@rsa.lenord.fr>';
const TO = 'amelie.duval@example.org';

describe('SmtpEmailChannel against the local SMTP peer', () => {
  const smtp = new LocalSmtpServer();
  let channel: SmtpEmailChannel;

  beforeAll(async () => {
    await smtp.start();
    // With credentials, as a relay wants them: the peer accepts any AUTH PLAIN/LOGIN.
    const url = new URL(smtp.url);
    url.username = 'rsa';
    url.password = 'p@ss word';
    channel = new SmtpEmailChannel({ smtpUrl: url.toString(), from: FROM, timeouts: { connectionTimeoutMs: 2000, socketTimeoutMs: 500 } });
  });
  afterAll(async () => {
    channel.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.clear());

  it('hands the message over with the key as Message-ID and header', async () => {
    const notice = aNotice({ messageKey: 'conv-smtp-1' });
    const delivery = await channel.send(notice, TO);
    const [mail] = smtp.messages();
    expect(delivery).toEqual({ provider: 'smtp', providerMessageId: mail.queueId });
    const rendered = renderEmail(notice);
    expect(mail).toMatchObject({
      to: [TO],
      user: 'rsa',
      subject: rendered.subject,
      messageId: '<conv-smtp-1@rsa-parcours.lenord.fr>',
      headers: expect.objectContaining({ 'x-rsa-message-key': 'conv-smtp-1' }),
    });
    expect(mail.from).toContain('ne-pas-repondre@rsa.lenord.fr');
    expect(mail.text).toContain('Date : mardi 8 décembre 2026 à 9 h 30');
    expect(mail.html).toContain('<li>Votre pièce d&#39;identité</li>');
  });

  it('sends the same Message-ID again on a repeat: the peer counts the duplicate', async () => {
    const notice = aNotice();
    await channel.send(notice, TO);
    await channel.send(notice, TO);
    expect(smtp.stats()).toEqual({ submissions: 2, distinctMessageIds: 1, duplicateSubmissions: 1, refused: 0, connectionErrors: 0 });
  });

  it('fails a 4xx answer as transient, and the retry goes through', async () => {
    smtp.failNext(1, 451);
    const notice = aNotice();
    const error = await channel.send(notice, TO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toContain('451');
    await channel.send(notice, TO);
    expect(smtp.stats()).toMatchObject({ submissions: 1, refused: 1 });
  });

  it('fails a 5xx answer as permanent, at DATA or at RCPT, without quoting the address', async () => {
    smtp.failNext(1, 550, { message: `5.1.1 <${TO}>: mailbox unknown` });
    const atData = await channel.send(aNotice(), TO).catch((e: unknown) => e);
    expect(atData).toBeInstanceOf(PermanentDeliveryError);
    expect(atData).toMatchObject({ reason: 'smtp-rejected' });
    expect((atData as Error).message).not.toContain(TO);

    smtp.failNext(1, 550, { stage: 'rcpt' });
    await expect(channel.send(aNotice(), TO)).rejects.toMatchObject({ name: 'PermanentDeliveryError', reason: 'smtp-rejected' });
    expect(smtp.stats().submissions).toBe(0);
  });

  it('gives up on a silent relay as transient, and the pool recovers', async () => {
    smtp.failNext(1, 'timeout');
    const error = await channel.send(aNotice(), TO).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toContain('ETIMEDOUT');
    await channel.send(aNotice(), TO);
    expect(smtp.stats().submissions).toBe(1);
  });

  it('fails a refused connection as transient', async () => {
    const down = new LocalSmtpServer();
    await down.start();
    const url = down.url;
    await down.stop();
    const offline = new SmtpEmailChannel({ smtpUrl: url, from: FROM, timeouts: { connectionTimeoutMs: 1000 } });
    try {
      const error = await offline.send(aNotice(), TO).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentDeliveryError);
      expect((error as Error).message).toMatch(/ECONNECTION|ESOCKET/);
    } finally {
      offline.close();
    }
  });

  it('refuses, for good, what is not an email address', async () => {
    for (const to of ['amelie', 'a@b', 'a@b.fr, c@d.fr', 'x <a@b.fr>']) {
      await expect(channel.send(aNotice(), to)).rejects.toMatchObject({ reason: 'invalid-email-address' });
    }
    expect(smtp.stats().submissions).toBe(0);
  });
});
