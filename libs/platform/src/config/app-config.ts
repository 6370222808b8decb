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
