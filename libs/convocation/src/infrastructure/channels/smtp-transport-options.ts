import type SMTPPool from 'nodemailer/lib/smtp-pool';

export interface SmtpTimeouts {
  /** Connecting and waiting for the greeting. */
  connectionTimeoutMs: number;
  /** Silence on an open connection (e.g. the answer to DATA). */
  socketTimeoutMs: number;
}

/**
 * nodemailer's options from SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit TLS).
 * Parsed here because `createTransport({ url })` drops every other option (pool, timeouts).
 */
export function smtpPoolOptions(smtpUrl: string, timeouts: SmtpTimeouts, maxConnections = 2): SMTPPool.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  return {
    pool: true,
    maxConnections,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: user ? { user, pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: timeouts.connectionTimeoutMs,
    greetingTimeout: timeouts.connectionTimeoutMs,
    socketTimeout: timeouts.socketTimeoutMs,
    // Nothing from a notice may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
