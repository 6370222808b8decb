export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface IntakeConfig {
  /** Absolute directory where uploaded CAF files are kept (INTAKE_STORAGE_DIR). */
  readonly storageDir: string;
  /** Absolute nightly pick-up directory (INTAKE_DROP_DIR). */
  readonly dropDir: string;
  /** `<dropDir>/done`: files imported by the nightly run are moved here. */
  readonly dropDoneDir: string;
  /** `<dropDir>/failed`: files the nightly run could not import are moved here. */
  readonly dropFailedDir: string;
  /** Cron pattern of the nightly import, read in `businessTimeZone` (INTAKE_NIGHTLY_CRON). */
  readonly nightlyCron: string;
  /**
   * How far past the present a file's header (DTCREAFLUX, HEUCREAFLUX) may be before the file is
   * refused as dated in the future (INTAKE_HEADER_MAX_AHEAD_MINUTES): a margin for clocks, no more.
   */
  readonly headerMaxAheadMs: number;
}

export interface AuthConfig {
  /** Expected `iss` of access tokens (AUTH_ISSUER). */
  readonly issuer: string;
  /** Expected `aud` (AUTH_AUDIENCE). */
  readonly audience: string;
  /** The identity provider's JWKS (AUTH_JWKS_URL), fetched and cached by the verifier. */
  readonly jwksUrl: string | null;
  /** Or a JWKS file (AUTH_JWKS_FILE): the local issuer's public keys in the demo and tests. */
  readonly jwksFile: string | null;
  /** The local issuer's private key (demo, tests; never used in production). */
  readonly localIssuerKeyFile: string;
  /** Roles whose tokens must show a second factor (`amr`). */
  readonly mfaRoles: readonly string[];
  readonly clockToleranceSeconds: number;
}

export interface HttpLimitsConfig {
  /** Largest JSON body accepted (HTTP_BODY_LIMIT_KB). */
  readonly bodyLimitBytes: number;
  /** Requests per minute and client address (HTTP_RATE_LIMIT_PER_MINUTE), shared through Redis. */
  readonly rateLimitPerMinute: number;
  /** Largest CAF file upload (INTAKE_MAX_UPLOAD_MB). */
  readonly maxUploadBytes: number;
  /** Express `trust proxy` (HTTP_TRUST_PROXY): which hops' X-Forwarded-For gives the client address. */
  readonly trustProxy: boolean | number | string;
}

export interface RetentionConfig {
  /** dry-run (default: report only) or apply. */
  readonly mode: 'dry-run' | 'apply';
  readonly cron: string;
}

export interface NotificationsConfig {
  /** Outgoing mail (SMTP_URL, e.g. smtp://user:pass@relay:587). */
  readonly smtpUrl: string;
  readonly from: string;
  /** SMTP connections each process keeps open to the relay (SMTP_MAX_CONNECTIONS; ask the relay's operator). */
  readonly smtpMaxConnections: number;
  /** The SMS provider's HTTP API (SMS_PROVIDER_URL) and key. */
  readonly smsProviderUrl: string;
  readonly smsApiKey: string;
  /** Alphanumeric sender shown on SMS (SMS_SENDER). */
  readonly smsSender: string;
  /** Where convocation letters are written as PDF for the print service (CONVOCATION_PRINT_DIR). */
  readonly printDir: string;
  /** How often due messages are swept into the queue (CONVOCATION_SWEEP_CRON). */
  readonly sweepCron: string;
}

export interface AppConfigValues {
  readonly nodeEnv: NodeEnv;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** BullMQ key prefix (QUEUE_PREFIX): lets parallel test files share one Redis. */
  readonly queuePrefix: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** AES-256-GCM key (32 bytes) encrypting NIRs at rest. */
  readonly nirEncryptionKey: Buffer;
  /** HMAC-SHA256 key giving the deterministic NIR digest used for look-ups. */
  readonly nirHashKey: Buffer;
  readonly intake: IntakeConfig;
  /** IANA zone of business dates and schedules (TZ_BUSINESS), Europe/Paris. */
  readonly businessTimeZone: string;
  readonly metricsEnabled: boolean;
  /** Where Prometheus scrapes this process (a listener of its own, off the public API port). */
  readonly metrics: { readonly host: string; readonly port: number };
  /** Id of the current NIR encryption key, stored with each ciphertext (rotation). */
  readonly nirEncryptionKeyId: number;
  /** Earlier NIR encryption keys by id, to decrypt what was sealed before a rotation. */
  readonly nirPreviousEncryptionKeys: ReadonlyMap<number, Buffer>;
  /** The NIR look-up key before a rotation (nir:rotate recomputes the digests). */
  readonly nirPreviousHashKey: Buffer | null;
  /** HMAC key of the pseudonyms shown to project teams. */
  readonly pseudonymKey: Buffer;
  readonly auth: AuthConfig;
  readonly http: HttpLimitsConfig;
  readonly retention: RetentionConfig;
  readonly notifications: NotificationsConfig;
  /** CLOCK_START: the process's clock starts at this instant and runs on (never in production). */
  readonly clockStart: Date | null;
}

/**
 * The validated configuration, built by `loadAppConfig()`. It is also the Nest injection token:
 * inject `AppConfig` (never ConfigService, never process.env). Tests build a variant with `with()`
 * and hand it to the testing module with `.overrideProvider(AppConfig).useValue(config)`.
 */
export class AppConfig implements AppConfigValues {
  readonly nodeEnv: NodeEnv;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly nirEncryptionKey: Buffer;
  readonly nirHashKey: Buffer;
  readonly intake: IntakeConfig;
  readonly businessTimeZone: string;
  readonly metricsEnabled: boolean;
  readonly metrics: { readonly host: string; readonly port: number };
  readonly nirEncryptionKeyId: number;
  readonly nirPreviousEncryptionKeys: ReadonlyMap<number, Buffer>;
  readonly nirPreviousHashKey: Buffer | null;
  readonly pseudonymKey: Buffer;
  readonly auth: AuthConfig;
  readonly http: HttpLimitsConfig;
  readonly retention: RetentionConfig;
  readonly notifications: NotificationsConfig;
  readonly clockStart: Date | null;

  constructor(values: AppConfigValues) {
    this.nodeEnv = values.nodeEnv;
    this.databaseUrl = values.databaseUrl;
    this.redisUrl = values.redisUrl;
    this.queuePrefix = values.queuePrefix;
    this.port = values.port;
    this.logLevel = values.logLevel;
    this.nirEncryptionKey = values.nirEncryptionKey;
    this.nirHashKey = values.nirHashKey;
    this.intake = Object.freeze({ ...values.intake });
    this.businessTimeZone = values.businessTimeZone;
    this.metricsEnabled = values.metricsEnabled;
    this.metrics = Object.freeze({ ...values.metrics });
    this.nirEncryptionKeyId = values.nirEncryptionKeyId;
    this.nirPreviousEncryptionKeys = values.nirPreviousEncryptionKeys;
    this.nirPreviousHashKey = values.nirPreviousHashKey;
    this.pseudonymKey = values.pseudonymKey;
    this.auth = Object.freeze({ ...values.auth, mfaRoles: Object.freeze([...values.auth.mfaRoles]) });
    this.http = Object.freeze({ ...values.http });
    this.retention = Object.freeze({ ...values.retention });
    this.notifications = Object.freeze({ ...values.notifications });
    this.clockStart = values.clockStart;
    Object.freeze(this);
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  /** A copy with some values replaced (tests: another database, another queue prefix). */
  with(patch: Partial<AppConfigValues>): AppConfig {
    return new AppConfig({ ...this, ...patch });
  }

  /** Keeps keys and passwords out of logs and error reports. */
  toJSON(): object {
    return {
      ...this,
      databaseUrl: hidePassword(this.databaseUrl),
      redisUrl: hidePassword(this.redisUrl),
      nirEncryptionKey: '[redacted]',
      nirHashKey: '[redacted]',
      nirPreviousEncryptionKeys: [...this.nirPreviousEncryptionKeys.keys()].map((id) => `${id}:[redacted]`),
      nirPreviousHashKey: this.nirPreviousHashKey ? '[redacted]' : null,
      pseudonymKey: '[redacted]',
      notifications: { ...this.notifications, smtpUrl: hidePassword(this.notifications.smtpUrl), smsApiKey: '[redacted]' },
    };
  }
}

function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparsable url]';
  }
}
