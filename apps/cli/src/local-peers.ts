import { AppConfig } from '@rsa/platform';
import { LocalSmtpServer, SmsProviderSimulator } from '@rsa/testing';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Host and port a peer listens on, from the URL the application sends to. */
export function peerAddress(url: string, defaultPort: number): { host: string; port: number } {
  const parsed = new URL(url);
  if (!LOCAL_HOSTS.has(parsed.hostname)) {
    throw new Error(`${parsed.protocol}//${parsed.hostname}: the local peers only stand in for services on this machine`);
  }
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port ? Number(parsed.port) : defaultPort };
}

export interface LocalPeers {
  smtp: LocalSmtpServer;
  sms: SmsProviderSimulator;
  stop(): Promise<void>;
}

/**
 * The SMTP relay and the SMS provider stand-ins, where AppConfig.notifications sends. One log line
 * per message with the message key, the channel and the size: never an address, number or text.
 */
export async function startLocalPeers(config: AppConfig, options: { mailDir: string; log: (line: string) => void }): Promise<LocalPeers> {
  const smtpAt = peerAddress(config.notifications.smtpUrl, 25);
  const smsAt = peerAddress(config.notifications.smsProviderUrl, 80);
  const smtp = new LocalSmtpServer({
    ...smtpAt,
    emlDir: options.mailDir,
    onMessage: (mail) => {
      const duplicate = mail.messageId !== null && smtp.messagesWithId(mail.messageId).length > 1 ? ' (Message-ID already received)' : '';
      options.log(`mail ${mail.headers['x-rsa-message-key'] ?? '-'} ${mail.size} bytes${duplicate}`);
    },
    onConnectionError: (error) => options.log(`mail connection dropped by the client (${error.code ?? error.message})`),
  });
  const sms = new SmsProviderSimulator({
    ...smsAt,
    apiKey: config.notifications.smsApiKey,
    onMessage: (message) => options.log(`sms  ${message.clientReference ?? message.idempotencyKey ?? '-'} ${message.text.length} chars, ${message.segments} segment(s)`),
  });
  await smtp.start();
  try {
    await sms.start();
  } catch (error) {
    await smtp.stop();
    throw error;
  }
  return { smtp, sms, stop: () => Promise.all([smtp.stop(), sms.stop()]).then(() => undefined) };
}
