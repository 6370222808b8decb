import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@rsa/platform';
import { EmailChannel, LetterChannel, SmsChannel } from '../../application/channels';
import { HttpSmsChannel } from './http-sms.channel';
import { PdfLetterChannel } from './pdf-letter.channel';
import { SmtpEmailChannel } from './smtp-email.channel';

/**
 * The three channels, configured from AppConfig.notifications: letters to the print folder, email
 * through the SMTP relay, SMS through the provider's API. Inject the ports (LetterChannel,
 * EmailChannel, SmsChannel); the SMTP pool is closed on shutdown.
 */
@Module({
  providers: [
    {
      provide: SmtpEmailChannel,
      useFactory: (config: AppConfig) => new SmtpEmailChannel({ smtpUrl: config.notifications.smtpUrl, from: config.notifications.from, maxConnections: config.notifications.smtpMaxConnections }),
      inject: [AppConfig],
    },
    { provide: EmailChannel, useExisting: SmtpEmailChannel },
    {
      provide: LetterChannel,
      useFactory: (config: AppConfig) => new PdfLetterChannel({ printDir: config.notifications.printDir }),
      inject: [AppConfig],
    },
    {
      provide: SmsChannel,
      useFactory: (config: AppConfig) =>
        new HttpSmsChannel({
          providerUrl: config.notifications.smsProviderUrl,
          apiKey: config.notifications.smsApiKey,
          sender: config.notifications.smsSender,
        }),
      inject: [AppConfig],
    },
  ],
  exports: [LetterChannel, EmailChannel, SmsChannel],
})
export class ChannelsModule implements OnApplicationShutdown {
  constructor(private readonly email: SmtpEmailChannel) {}

  onApplicationShutdown(): void {
    this.email.close();
  }
}
