import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { AppConfig, AppConfigModule, loadAppConfig } from '@rsa/platform';
import { aNotice, LocalSmtpServer, SmsProviderSimulator } from '@rsa/testing';
import { EmailChannel, LetterChannel, SmsChannel } from '../../application/channels';
import { ChannelsModule } from './channels.module';
import { HttpSmsChannel } from './http-sms.channel';
import { PdfLetterChannel } from './pdf-letter.channel';
import { SmtpEmailChannel } from './smtp-email.channel';

describe('ChannelsModule', () => {
  const base = loadAppConfig();
  const smtp = new LocalSmtpServer();
  const sms = new SmsProviderSimulator({ apiKey: base.notifications.smsApiKey });
  let printDir: string;

  beforeAll(async () => {
    await Promise.all([smtp.start(), sms.start()]);
    printDir = await mkdtemp(join(tmpdir(), 'rsa-print-'));
  });
  afterAll(async () => {
    await Promise.all([smtp.stop(), sms.stop()]);
    await rm(printDir, { recursive: true, force: true });
  });

  it('provides the three channels from AppConfig and closes the SMTP pool on shutdown', async () => {
    const config = base.with({ notifications: { ...base.notifications, smtpUrl: smtp.url, smsProviderUrl: sms.url, printDir } });
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ChannelsModule] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    const app = moduleRef.createNestApplication();
    await app.init();

    const letter = app.get(LetterChannel);
    const email = app.get(EmailChannel);
    const text = app.get(SmsChannel);
    expect(letter).toBeInstanceOf(PdfLetterChannel);
    expect(email).toBeInstanceOf(SmtpEmailChannel);
    expect(text).toBeInstanceOf(HttpSmsChannel);

    const notice = aNotice();
    expect((await letter.send(notice)).path.startsWith(printDir)).toBe(true);
    await email.send(notice, 'amelie.duval@example.org');
    await text.send(notice, '+33612345678');
    expect(smtp.messages()[0].from).toContain('ne-pas-repondre@rsa.lenord.fr');
    expect(sms.messages()[0].sender).toBe(config.notifications.smsSender);

    await app.close();
    await expect(email.send(aNotice(), 'amelie.duval@example.org')).rejects.toThrow('closed');
  });
});
