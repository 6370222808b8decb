import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpSmsChannel, SmtpEmailChannel } from '@rsa/convocation';
import { loadAppConfig } from '@rsa/platform';
import { aNotice } from '@rsa/testing';
import { peerAddress, startLocalPeers } from './local-peers';

describe('local peers', () => {
  it('parse where to listen from the configured URLs, and only on this machine', () => {
    expect(peerAddress('smtp://127.0.0.1:2525', 25)).toEqual({ host: '127.0.0.1', port: 2525 });
    expect(peerAddress('http://localhost', 80)).toEqual({ host: 'localhost', port: 80 });
    expect(() => peerAddress('smtp://relay.lenord.fr:587', 25)).toThrow('only stand in for services on this machine');
  });

  it('receive what the channels send, write mails as .eml and log no personal data', async () => {
    const base = loadAppConfig();
    const config = base.with({ notifications: { ...base.notifications, smtpUrl: 'smtp://127.0.0.1:0', smsProviderUrl: 'http://127.0.0.1:0' } });
    const mailDir = await mkdtemp(join(tmpdir(), 'rsa-peers-mail-'));
    const lines: string[] = [];
    const peers = await startLocalPeers(config, { mailDir, log: (line) => lines.push(line) });
    const email = new SmtpEmailChannel({ smtpUrl: peers.smtp.url, from: config.notifications.from });
    try {
      const notice = aNotice({ messageKey: 'conv-demo-1' });
      await email.send(notice, 'amelie.duval@example.org');
      await email.send(notice, 'amelie.duval@example.org');
      await new HttpSmsChannel({ providerUrl: peers.sms.url, apiKey: config.notifications.smsApiKey, sender: 'LeNord' }).send(notice, '+33612345678');

      expect(await readdir(mailDir)).toHaveLength(2);
      expect(lines).toEqual([
        expect.stringMatching(/^mail conv-demo-1 \d+ bytes$/),
        expect.stringMatching(/^mail conv-demo-1 \d+ bytes \(Message-ID already received\)$/),
        expect.stringMatching(/^sms {2}conv-demo-1 \d+ chars, [12] segment\(s\)$/),
      ]);
      expect(lines.join('\n')).not.toMatch(/amelie|duval|\+336|Roubaix/i);
    } finally {
      email.close();
      await peers.stop();
      await rm(mailDir, { recursive: true, force: true });
    }
  });
});
