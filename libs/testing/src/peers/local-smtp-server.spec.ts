import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { LocalSmtpServer } from './local-smtp-server';

describe('LocalSmtpServer', () => {
  let emlDir: string;
  let server: LocalSmtpServer;
  let transport: nodemailer.Transporter;

  beforeAll(async () => {
    emlDir = await mkdtemp(join(tmpdir(), 'rsa-smtp-peer-'));
    server = await new LocalSmtpServer({ emlDir }).start();
    // createTransport({ url }) would ignore every other option: give host and port.
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, auth: { user: 'relay', pass: 'secret' }, socketTimeout: 1000 });
  });
  afterAll(async () => {
    transport.close();
    await server.stop();
    await rm(emlDir, { recursive: true, force: true });
  });
  beforeEach(() => server.clear());

  const mail = (messageId: string) => ({
    from: 'Département du Nord <ne-pas-repondre@rsa.lenord.fr>',
    to: 'amelie@example.org',
    subject: 'Convocation à un entretien',
    text: 'Bonjour',
    html: '<p>Bonjour</p>',
    messageId: `<${messageId}@rsa-parcours.lenord.fr>`,
    headers: { 'X-RSA-Message-Key': messageId },
  });

  it('accepts, parses and keeps a message, and writes it as .eml', async () => {
    const info = await transport.sendMail(mail('k1'));
    expect(info.response).toMatch(/^250 Ok: queued as [0-9A-F]{10}$/);
    const [received] = server.messages();
    expect(received).toMatchObject({
      to: ['amelie@example.org'],
      subject: 'Convocation à un entretien',
      text: 'Bonjour',
      html: '<p>Bonjour</p>',
      messageId: '<k1@rsa-parcours.lenord.fr>',
    });
    expect(received.from).toContain('ne-pas-repondre@rsa.lenord.fr');
    expect(received.headers['x-rsa-message-key']).toBe('k1');
    expect(await readFile(received.emlPath!, 'utf8')).toContain('Message-ID: <k1@rsa-parcours.lenord.fr>');
  });

  it('counts the submissions of one Message-ID as a deduplicating mailbox would', async () => {
    await transport.sendMail(mail('k2'));
    await transport.sendMail(mail('k2'));
    await transport.sendMail(mail('k3'));
    expect(server.stats()).toEqual({ submissions: 3, distinctMessageIds: 2, duplicateSubmissions: 1, refused: 0, connectionErrors: 0 });
    expect(server.messagesWithId('k2@rsa-parcours.lenord.fr')).toHaveLength(2);
  });

  it('answers the next messages with an injected code, at DATA or at RCPT', async () => {
    server.failNext(1, 451);
    await expect(transport.sendMail(mail('k4'))).rejects.toMatchObject({ responseCode: 451 });
    server.failNext(1, 550, { stage: 'rcpt' });
    await expect(transport.sendMail(mail('k4'))).rejects.toMatchObject({ responseCode: 550 });
    await transport.sendMail(mail('k4'));
    expect(server.stats()).toEqual({ submissions: 1, distinctMessageIds: 1, duplicateSubmissions: 0, refused: 2, connectionErrors: 0 });
  });

  it('does not answer at all when told to time out', async () => {
    server.failNext(1, 'timeout');
    await expect(transport.sendMail(mail('k5'))).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(server.stats().submissions).toBe(0);
  });

  it('survives a client that resets its connection in the middle of a session, and counts it', async () => {
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write('EHLO worker\r\nMAIL FROM:<ne-pas-repondre@rsa.lenord.fr>\r\n');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    // What a killed process leaves: a TCP reset, not a QUIT.
    socket.resetAndDestroy();
    const until = Date.now() + 2000;
    while (server.stats().connectionErrors === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.stats().connectionErrors).toBe(1);
    await transport.sendMail(mail('k6'));
    expect(server.stats().submissions).toBe(1);
  });
});
