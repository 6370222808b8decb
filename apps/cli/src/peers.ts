/**
 * peers: the local SMTP relay and SMS provider for the demo and manual tests, where
 * AppConfig.notifications points (SMTP_URL, SMS_PROVIDER_URL). Received mails are written as .eml
 * under var/demo/mail/ (open them with any mail client); the SMS simulator's control API is at
 * <SMS_PROVIDER_URL>/__control/{stats,messages,fail,clear}. Ctrl-C (or SIGTERM) stops both.
 *
 *   npm run peers
 */
import { join } from 'node:path';
import { loadAppConfig, projectRoot } from '@rsa/platform';
import { startLocalPeers } from './local-peers';

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

async function main(): Promise<void> {
  const config = loadAppConfig();
  if (config.isProduction) throw new Error('the local peers are for development and tests, not production');
  const mailDir = join(projectRoot(), 'var', 'demo', 'mail');
  const peers = await startLocalPeers(config, { mailDir, log });
  log(`SMTP peer on ${peers.smtp.url} (mails as .eml in ${mailDir})`);
  log(`SMS provider simulator on ${peers.sms.url} (control: ${peers.sms.url}/__control/stats)`);
  const stop = (signal: string): void => {
    log(`${signal}: stopping the peers`);
    peers.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`peers: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
