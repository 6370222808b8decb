import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { parseExpression } from 'cron-parser';
import Joi from 'joi';
import { ALL_ROLES } from '@rsa/kernel';
import { AppConfig, LogLevel, NodeEnv } from './app-config';
import { projectRoot } from './project-root';

/**
 * Keys that only exist so that a fresh checkout runs without any set-up. Marked "dev only" in
 * config/.env.example; refused when NODE_ENV=production (as are the test keys of config/.env.test).
 */
export const DEV_ONLY_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/rsa_dev',
  REDIS_URL: 'redis://127.0.0.1:6379',
  // base64('dev-only:nir-encryption-key:32b!'): dev only
  NIR_ENCRYPTION_KEY: 'ZGV2LW9ubHk6bmlyLWVuY3J5cHRpb24ta2V5OjMyYiE=',
  // base64('dev-only:nir-hash-key:hmac-sha256!'): dev only
  NIR_HASH_KEY: 'ZGV2LW9ubHk6bmlyLWhhc2gta2V5OmhtYWMtc2hhMjU2IQ==',
  // base64('dev-only:pseudonym-key:hmac-sha256'): dev only
  PSEUDONYM_KEY: 'ZGV2LW9ubHk6cHNldWRvbnltLWtleTpobWFjLXNoYTI1Ng==',
  // The local token issuer of the demo and the tests (npm run cli -- auth:token).
  AUTH_ISSUER: 'rsa-local-issuer',
  AUTH_AUDIENCE: 'rsa-parcours-api',
  AUTH_JWKS_FILE: 'var/auth/local-issuer.jwks.json',
  // The local peers of the demo (npm run peers): an SMTP server and an SMS provider simulator.
  SMTP_URL: 'smtp://127.0.0.1:2525',
  SMS_PROVIDER_URL: 'http://127.0.0.1:4010',
  SMS_PROVIDER_API_KEY: 'dev-only-sms-key',
} as const;

/** The keys committed in config/.env.test: as unacceptable in production as the dev ones. */
const TEST_ONLY_KEYS = [
  'dGVzdC1vbmx5Om5pci1lbmNyeXB0aW9uLWtleTozMiE=',
  'dGVzdC1vbmx5Om5pci1oYXNoLWtleTpobWFjLXNoYTI1Ng==',
  'dGVzdC1vbmx5OnBzZXVkb255bS1rZXk6aG1hYy1zaGEyNTY=',
];

const COMMITTED_KEYS = [DEV_ONLY_DEFAULTS.NIR_ENCRYPTION_KEY, DEV_ONLY_DEFAULTS.NIR_HASH_KEY, DEV_ONLY_DEFAULTS.PSEUDONYM_KEY, ...TEST_ONLY_KEYS];

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function base64Key(minBytes: number, exactBytes?: number): Joi.StringSchema {
  return Joi.string().custom((value: string, helpers) => {
    if (!BASE64.test(value) || value.length % 4 !== 0) return helpers.message({ custom: '{{#label}} must be base64' });
    const bytes = Buffer.from(value, 'base64').length;
    if (exactBytes !== undefined && bytes !== exactBytes) {
      return helpers.message({ custom: `{{#label}} must decode to exactly ${exactBytes} bytes (got ${bytes})` });
    }
    if (bytes < minBytes) return helpers.message({ custom: `{{#label}} must decode to at least ${minBytes} bytes (got ${bytes})` });
    return value;
  });
}

/** Refuses the committed dev/test keys when NODE_ENV=production. */
function secretKey(schema: Joi.StringSchema): Joi.AlternativesSchema {
  return Joi.when('NODE_ENV', {
    is: 'production',
    then: schema.required().invalid(...COMMITTED_KEYS).messages({ 'any.invalid': '{{#label}} is a dev/test key: refused in production' }),
    otherwise: schema.required(),
  });
}

const cronPattern = Joi.string().custom((value: string, helpers) => {
  try {
    parseExpression(value);
    return value;
  } catch {
    return helpers.message({ custom: '{{#label}} must be a cron pattern (e.g. "30 2 * * *")' });
  }
});

const timeZone = Joi.string().custom((value: string, helpers) => {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: value });
    return value;
  } catch {
    return helpers.message({ custom: '{{#label}} must be an IANA time zone (e.g. Europe/Paris)' });
  }
});

/** `2:base64,1:base64`: earlier NIR encryption keys, by key id, still able to decrypt (rotation). */
const previousKeys = Joi.string().custom((value: string, helpers) => {
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(\d{1,3}):(.+)$/.exec(part);
    if (!match || Number(match[1]) < 1 || Number(match[1]) > 255) return helpers.message({ custom: '{{#label}} must list <key id 1-255>:<base64 key>, comma-separated' });
    if (!BASE64.test(match[2]) || Buffer.from(match[2], 'base64').length !== 32) return helpers.message({ custom: `{{#label}}: key ${match[1]} must be 32 bytes in base64` });
  }
  return value;
});

/** Roles by name, each one that exists: a typo (`admin`) would silently leave a role without MFA. */
const roleList = Joi.string()
  .allow('')
  .custom((value: string, helpers) => {
    const unknown = value.split(',').filter((role) => role !== '' && !(ALL_ROLES as readonly string[]).includes(role));
    return unknown.length === 0 ? value : helpers.message({ custom: `names unknown roles (${unknown.join(', ')}); roles are ${ALL_ROLES.join(', ')}` });
  });

const postgresUrl = Joi.string()
  .uri({ scheme: ['postgres', 'postgresql'] })
  .custom((value: string, helpers) => {
    const name = new URL(value).pathname.replace(/^\//, '');
    return name ? value : helpers.message({ custom: '{{#label}} must name a database (postgres://host:5432/<name>)' });
  });

/** The environment variables, as documented in config/.env.example. */
export const envSchema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'test', 'production').default('development'),
  DATABASE_URL: postgresUrl.required(),
  REDIS_URL: Joi.string().uri({ scheme: ['redis', 'rediss'] }).required(),
  QUEUE_PREFIX: Joi.string().pattern(/^[A-Za-z0-9_-]+$/).default('rsa'),
  PORT: Joi.number().port().default(3000),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
  NIR_ENCRYPTION_KEY: secretKey(base64Key(32, 32)),
  NIR_HASH_KEY: secretKey(base64Key(32)),
  INTAKE_STORAGE_DIR: Joi.string().default('var/intake/files'),
  INTAKE_DROP_DIR: Joi.string().default('var/intake/drop'),
  INTAKE_NIGHTLY_CRON: cronPattern.default('30 2 * * *'),
  // At most 100 years: the test configuration dates its files years ahead of the real clock.
  INTAKE_HEADER_MAX_AHEAD_MINUTES: Joi.number().integer().min(0).max(52_560_000).default(120),
  TZ_BUSINESS: timeZone.default('Europe/Paris'),
  METRICS_ENABLED: Joi.boolean().truthy('1').falsy('0').default(true),
  METRICS_HOST: Joi.string().hostname().default('127.0.0.1'),
  METRICS_PORT: Joi.number().port().default(9464),
  NIR_ENCRYPTION_KEY_ID: Joi.number().integer().min(1).max(255).default(1),
  NIR_PREVIOUS_ENCRYPTION_KEYS: previousKeys.default(''),
  NIR_PREVIOUS_HASH_KEY: base64Key(32),
  PSEUDONYM_KEY: secretKey(base64Key(32)),
  AUTH_ISSUER: Joi.string().max(500).required(),
  AUTH_AUDIENCE: Joi.string().max(500).required(),
  AUTH_JWKS_URL: Joi.string().uri({ scheme: ['https', 'http'] }),
  AUTH_JWKS_FILE: Joi.string(),
  AUTH_LOCAL_ISSUER_KEY_FILE: Joi.string().default('var/auth/local-issuer.key.json'),
  AUTH_MFA_ROLES: Joi.when('NODE_ENV', { is: 'production', then: roleList.default('administrator,auditor'), otherwise: roleList.default('') }),
  AUTH_CLOCK_TOLERANCE_SECONDS: Joi.number().integer().min(0).max(300).default(30),
  HTTP_BODY_LIMIT_KB: Joi.number().integer().min(1).max(10240).default(100),
  HTTP_RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(1).default(600),
  INTAKE_MAX_UPLOAD_MB: Joi.number().integer().min(1).max(8192).default(2048),
  HTTP_TRUST_PROXY: Joi.string().pattern(/^(false|true|\d{1,2}|loopback|linklocal|uniquelocal|[0-9a-fA-F.:/, ]+)$/).default('false'),
  RETENTION_MODE: Joi.string().valid('dry-run', 'apply').default('dry-run'),
  RETENTION_CRON: cronPattern.default('15 3 * * *'),
  SMTP_URL: Joi.string().uri({ scheme: ['smtp', 'smtps'] }).required(),
  SMTP_FROM: Joi.string().max(200).default('Département du Nord - RSA <ne-pas-repondre@rsa.lenord.fr>'),
  SMTP_MAX_CONNECTIONS: Joi.number().integer().min(1).max(50).default(5),
  SMS_PROVIDER_URL: Joi.string().uri({ scheme: ['http', 'https'] }).required(),
  SMS_PROVIDER_API_KEY: Joi.string().min(8).required(),
  SMS_SENDER: Joi.string().pattern(/^[A-Za-z0-9]{3,11}$/).default('LeNord'),
  CONVOCATION_PRINT_DIR: Joi.string().default('var/convocation/letters'),
  CONVOCATION_SWEEP_CRON: cronPattern.default('* * * * *'),
  CLOCK_START: Joi.when('NODE_ENV', { is: 'production', then: Joi.forbidden().messages({ 'any.unknown': 'CLOCK_START is refused in production' }), otherwise: Joi.date().iso() }),
})
  // Tokens are checked against the identity provider's keys: at a URL (production) or in a file.
  .or('AUTH_JWKS_URL', 'AUTH_JWKS_FILE')
  .messages({ 'object.missing': 'AUTH_JWKS_URL or AUTH_JWKS_FILE is required (the keys that sign access tokens)' });

/** Only these are read: the rest of the environment is ignored. */
const ENV_VARIABLES = Object.keys(envSchema.describe().keys ?? {});

interface ValidatedEnv {
  NODE_ENV: NodeEnv;
  DATABASE_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  PORT: number;
  LOG_LEVEL: LogLevel;
  NIR_ENCRYPTION_KEY: string;
  NIR_HASH_KEY: string;
  INTAKE_STORAGE_DIR: string;
  INTAKE_DROP_DIR: string;
  INTAKE_NIGHTLY_CRON: string;
  INTAKE_HEADER_MAX_AHEAD_MINUTES: number;
  TZ_BUSINESS: string;
  METRICS_ENABLED: boolean;
  METRICS_HOST: string;
  METRICS_PORT: number;
  NIR_ENCRYPTION_KEY_ID: number;
  NIR_PREVIOUS_ENCRYPTION_KEYS: string;
  NIR_PREVIOUS_HASH_KEY?: string;
  PSEUDONYM_KEY: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  AUTH_JWKS_URL?: string;
  AUTH_JWKS_FILE?: string;
  AUTH_LOCAL_ISSUER_KEY_FILE: string;
  AUTH_MFA_ROLES: string;
  AUTH_CLOCK_TOLERANCE_SECONDS: number;
  HTTP_BODY_LIMIT_KB: number;
  HTTP_RATE_LIMIT_PER_MINUTE: number;
  INTAKE_MAX_UPLOAD_MB: number;
  HTTP_TRUST_PROXY: string;
  RETENTION_MODE: 'dry-run' | 'apply';
  RETENTION_CRON: string;
  SMTP_URL: string;
  SMTP_FROM: string;
  SMTP_MAX_CONNECTIONS: number;
  SMS_PROVIDER_URL: string;
  SMS_PROVIDER_API_KEY: string;
  SMS_SENDER: string;
  CONVOCATION_PRINT_DIR: string;
  CONVOCATION_SWEEP_CRON: string;
  CLOCK_START?: Date;
}

export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** Thrown at startup; its message lists every bad variable (never their values). */
export class ConfigValidationError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    readonly sources: readonly string[],
  ) {
    super(
      `Invalid configuration (${sources.join(' < ')}):\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigValidationError';
  }
}

export interface LoadAppConfigOptions {
  /**
   * The env file to read under the variables. Default: config/.env.test when NODE_ENV=test (jest
   * sets it), else config/.env; a missing file is skipped. `false` reads no file.
   */
  readonly envFile?: string | false;
}

/**
 * Builds the validated configuration: dev defaults (outside production) < env file < environment.
 * The ONE place reading process.env; CLI scripts, the TypeORM data source and tests call it, and
 * Nest gets it through AppConfigModule.
 */
export function loadAppConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadAppConfigOptions = {},
): AppConfig {
  const root = projectRoot();
  const envFile = options.envFile ?? join(root, 'config', env['NODE_ENV'] === 'test' ? '.env.test' : '.env');
  const sources: string[] = [];
  let fromFile: Record<string, string> = {};
  if (envFile !== false && existsSync(envFile)) {
    fromFile = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
    sources.push(envFile.startsWith(root) ? envFile.slice(root.length + 1) : envFile);
  }
  sources.push('environment');

  const raw: Record<string, string> = {};
  for (const key of ENV_VARIABLES) {
    // Empty means unset: `PORT=` in a file must not become port 0.
    const value = env[key] || fromFile[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  if ((raw['NODE_ENV'] ?? 'development') !== 'production') {
    for (const [key, value] of Object.entries(DEV_ONLY_DEFAULTS)) raw[key] ??= value;
  }

  const { error, value } = envSchema.validate(raw, { abortEarly: false, convert: true });
  if (error) {
    // One problem per variable (the first), so the list reads as "what to fix".
    const problems = new Map<string, ConfigProblem>();
    for (const detail of error.details) {
      const variable = String(detail.path[0] ?? (detail.type === 'object.missing' ? 'AUTH_JWKS_URL' : detail.context?.key) ?? '?');
      if (!problems.has(variable)) problems.set(variable, { variable, message: detail.message.replace(/^"[^"]+" /, '') });
    }
    throw new ConfigValidationError([...problems.values()], sources);
  }
  return toAppConfig(value as ValidatedEnv, root);
}

function toAppConfig(env: ValidatedEnv, root: string): AppConfig {
  const dir = (p: string): string => (isAbsolute(p) ? p : resolve(root, p));
  const dropDir = dir(env.INTAKE_DROP_DIR);
  return new AppConfig({
    nodeEnv: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    nirEncryptionKey: Buffer.from(env.NIR_ENCRYPTION_KEY, 'base64'),
    nirHashKey: Buffer.from(env.NIR_HASH_KEY, 'base64'),
    intake: {
      storageDir: dir(env.INTAKE_STORAGE_DIR),
      dropDir,
      dropDoneDir: join(dropDir, 'done'),
      dropFailedDir: join(dropDir, 'failed'),
      nightlyCron: env.INTAKE_NIGHTLY_CRON,
      headerMaxAheadMs: env.INTAKE_HEADER_MAX_AHEAD_MINUTES * 60_000,
    },
    businessTimeZone: env.TZ_BUSINESS,
    metricsEnabled: env.METRICS_ENABLED,
    metrics: { host: env.METRICS_HOST, port: env.METRICS_PORT },
    nirEncryptionKeyId: env.NIR_ENCRYPTION_KEY_ID,
    nirPreviousEncryptionKeys: new Map(
      env.NIR_PREVIOUS_ENCRYPTION_KEYS.split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => [Number(part.split(':')[0]), Buffer.from(part.slice(part.indexOf(':') + 1), 'base64')] as const),
    ),
    nirPreviousHashKey: env.NIR_PREVIOUS_HASH_KEY ? Buffer.from(env.NIR_PREVIOUS_HASH_KEY, 'base64') : null,
    pseudonymKey: Buffer.from(env.PSEUDONYM_KEY, 'base64'),
    auth: {
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      jwksUrl: env.AUTH_JWKS_URL ?? null,
      jwksFile: env.AUTH_JWKS_URL ? null : env.AUTH_JWKS_FILE ? dir(env.AUTH_JWKS_FILE) : null,
      localIssuerKeyFile: dir(env.AUTH_LOCAL_ISSUER_KEY_FILE),
      mfaRoles: env.AUTH_MFA_ROLES.split(',').filter(Boolean),
      clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_SECONDS,
    },
    http: {
      bodyLimitBytes: env.HTTP_BODY_LIMIT_KB * 1024,
      rateLimitPerMinute: env.HTTP_RATE_LIMIT_PER_MINUTE,
      maxUploadBytes: env.INTAKE_MAX_UPLOAD_MB * 1024 * 1024,
      trustProxy: trustProxyOf(env.HTTP_TRUST_PROXY),
    },
    retention: { mode: env.RETENTION_MODE, cron: env.RETENTION_CRON },
    notifications: {
      smtpUrl: env.SMTP_URL,
      from: env.SMTP_FROM,
      smtpMaxConnections: env.SMTP_MAX_CONNECTIONS,
      smsProviderUrl: env.SMS_PROVIDER_URL,
      smsApiKey: env.SMS_PROVIDER_API_KEY,
      smsSender: env.SMS_SENDER,
      printDir: dir(env.CONVOCATION_PRINT_DIR),
      sweepCron: env.CONVOCATION_SWEEP_CRON,
    },
    clockStart: env.CLOCK_START ?? null,
  });
}

/** Express `trust proxy` from its text form: true/false, a hop count, or addresses and subnets. */
function trustProxyOf(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
