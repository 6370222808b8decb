import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, DEV_ONLY_DEFAULTS, loadAppConfig } from './load-app-config';

const PROD_KEY = Buffer.alloc(32, 7).toString('base64');
const PROD_HASH_KEY = Buffer.alloc(48, 9).toString('base64');
const PROD_PSEUDONYM_KEY = Buffer.alloc(32, 5).toString('base64');
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:secret@db.internal:5432/rsa',
  REDIS_URL: 'redis://redis.internal:6379/2',
  NIR_ENCRYPTION_KEY: PROD_KEY,
  NIR_HASH_KEY: PROD_HASH_KEY,
  PSEUDONYM_KEY: PROD_PSEUDONYM_KEY,
  AUTH_ISSUER: 'https://sso.lenord.fr/realms/agents',
  AUTH_AUDIENCE: 'rsa-parcours-api',
  AUTH_JWKS_URL: 'https://sso.lenord.fr/realms/agents/protocol/openid-connect/certs',
  SMTP_URL: 'smtp://relay.lenord.fr:587',
  SMS_PROVIDER_URL: 'https://sms.example.fr/api',
  SMS_PROVIDER_API_KEY: 'prod-sms-api-key-0123456789',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadAppConfig(env, { envFile: false });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems.map((p) => p.variable);
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadAppConfig', () => {
  it('runs a fresh checkout on local dev defaults', () => {
    const config = loadAppConfig({}, { envFile: false });
    expect(config.nodeEnv).toBe('development');
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/rsa_dev');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.port).toBe(3000);
    expect(config.nirEncryptionKey).toHaveLength(32);
    expect(config.intake.nightlyCron).toBe('30 2 * * *');
    expect(config.businessTimeZone).toBe('Europe/Paris');
    expect(config.metricsEnabled).toBe(true);
    expect(config.intake.storageDir).toMatch(/\/var\/intake\/files$/);
    expect(config.intake.dropDoneDir).toBe(join(config.intake.dropDir, 'done'));
    expect(config.intake.dropFailedDir).toBe(join(config.intake.dropDir, 'failed'));
  });

  it('accepts a complete production configuration', () => {
    const config = loadAppConfig({ ...production, PORT: '8080', METRICS_ENABLED: 'false', INTAKE_DROP_DIR: '/srv/drop' }, { envFile: false });
    expect(config.isProduction).toBe(true);
    expect(config.port).toBe(8080);
    expect(config.metricsEnabled).toBe(false);
    expect(config.nirHashKey).toEqual(Buffer.alloc(48, 9));
    expect(config.intake.dropFailedDir).toBe('/srv/drop/failed');
    expect(config.auth).toMatchObject({ issuer: production.AUTH_ISSUER, jwksUrl: production.AUTH_JWKS_URL, jwksFile: null, mfaRoles: ['administrator', 'auditor'] });
    expect(config.http).toMatchObject({ bodyLimitBytes: 100 * 1024, rateLimitPerMinute: 600, trustProxy: false });
    expect(config.retention.mode).toBe('dry-run');
  });

  it('gives the demo its local token issuer, which production does not get by default', () => {
    const dev = loadAppConfig({}, { envFile: false });
    expect(dev.auth).toMatchObject({ issuer: 'rsa-local-issuer', audience: 'rsa-parcours-api', jwksUrl: null, mfaRoles: [] });
    expect(dev.auth.jwksFile).toMatch(/var\/auth\/local-issuer\.jwks\.json$/);
    expect(problemsOf({ ...production, AUTH_JWKS_URL: '' })).toEqual(['AUTH_JWKS_URL']);
    expect(problemsOf({ ...production, AUTH_ISSUER: '' })).toEqual(['AUTH_ISSUER']);
  });

  it('reads earlier NIR keys for a rotation, by key id', () => {
    const old = Buffer.alloc(32, 3).toString('base64');
    const config = loadAppConfig({ ...production, NIR_ENCRYPTION_KEY_ID: '2', NIR_PREVIOUS_ENCRYPTION_KEYS: `1:${old}`, NIR_PREVIOUS_HASH_KEY: old }, { envFile: false });
    expect(config.nirEncryptionKeyId).toBe(2);
    expect(config.nirPreviousEncryptionKeys.get(1)).toEqual(Buffer.alloc(32, 3));
    expect(config.nirPreviousHashKey).toEqual(Buffer.alloc(32, 3));
    expect(problemsOf({ ...production, NIR_PREVIOUS_ENCRYPTION_KEYS: 'one:abc' })).toEqual(['NIR_PREVIOUS_ENCRYPTION_KEYS']);
    expect(JSON.stringify(config)).not.toContain(old);
  });

  it('starts the clock where CLOCK_START says outside production, and refuses it in production', () => {
    expect(loadAppConfig({ CLOCK_START: '2027-01-11T09:30:00+01:00' }, { envFile: false }).clockStart).toEqual(new Date('2027-01-11T08:30:00Z'));
    expect(loadAppConfig({}, { envFile: false }).clockStart).toBeNull();
    expect(problemsOf({ CLOCK_START: 'next monday' })).toEqual(['CLOCK_START']);
    expect(problemsOf({ ...production, CLOCK_START: '2027-01-11T09:30:00+01:00' })).toEqual(['CLOCK_START']);
  });

  it('reads the convocation settings: sweep schedule, print folder, SMS sender', () => {
    const config = loadAppConfig({ CONVOCATION_SWEEP_CRON: '*/2 * * * *', CONVOCATION_PRINT_DIR: '/srv/print/rsa' }, { envFile: false });
    expect(config.notifications).toMatchObject({ sweepCron: '*/2 * * * *', printDir: '/srv/print/rsa', smtpUrl: 'smtp://127.0.0.1:2525', smsProviderUrl: 'http://127.0.0.1:4010' });
    expect(problemsOf({ CONVOCATION_SWEEP_CRON: 'every minute' })).toEqual(['CONVOCATION_SWEEP_CRON']);
    expect(problemsOf({ SMTP_URL: 'http://relay:25' })).toEqual(['SMTP_URL']);
  });

  it('refuses a DATABASE_URL that is not a postgres URL naming a database', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://localhost/rsa' })).toEqual(['DATABASE_URL']);
    expect(problemsOf({ DATABASE_URL: 'postgres://localhost:5432' })).toEqual(['DATABASE_URL']);
    expect(problemsOf({ DATABASE_URL: 'not a url' })).toEqual(['DATABASE_URL']);
  });

  it('requires the database, Redis and both NIR keys in production, listing them all', () => {
    const error = (() => {
      try {
        loadAppConfig({ NODE_ENV: 'production' }, { envFile: false });
      } catch (e) {
        return e as ConfigValidationError;
      }
      throw new Error('expected a ConfigValidationError');
    })();
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'AUTH_AUDIENCE',
      'AUTH_ISSUER',
      'AUTH_JWKS_URL',
      'DATABASE_URL',
      'NIR_ENCRYPTION_KEY',
      'NIR_HASH_KEY',
      'PSEUDONYM_KEY',
      'REDIS_URL',
      'SMS_PROVIDER_API_KEY',
      'SMS_PROVIDER_URL',
      'SMTP_URL',
    ]);
    expect(error.message).toContain('NIR_ENCRYPTION_KEY: is required');
    expect(error.message).toContain('DATABASE_URL: is required');
  });

  it('refuses the committed dev keys in production', () => {
    expect(problemsOf({ ...production, NIR_ENCRYPTION_KEY: DEV_ONLY_DEFAULTS.NIR_ENCRYPTION_KEY })).toEqual(['NIR_ENCRYPTION_KEY']);
    expect(problemsOf({ ...production, NIR_HASH_KEY: DEV_ONLY_DEFAULTS.NIR_HASH_KEY })).toEqual(['NIR_HASH_KEY']);
    expect(problemsOf({ ...production, PSEUDONYM_KEY: DEV_ONLY_DEFAULTS.PSEUDONYM_KEY })).toEqual(['PSEUDONYM_KEY']);
  });

  it('checks key sizes and formats, cron patterns, time zones, ports and levels', () => {
    expect(
      problemsOf({
        NIR_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'),
        NIR_HASH_KEY: 'not base64!',
        INTAKE_NIGHTLY_CRON: 'every night',
        TZ_BUSINESS: 'Europe/Lille',
        PORT: '70000',
        LOG_LEVEL: 'verbose',
        REDIS_URL: 'http://localhost',
      }).sort(),
    ).toEqual(['INTAKE_NIGHTLY_CRON', 'LOG_LEVEL', 'NIR_ENCRYPTION_KEY', 'NIR_HASH_KEY', 'PORT', 'REDIS_URL', 'TZ_BUSINESS']);
  });

  it('refuses a role list naming a role that does not exist (a typo would leave a role without MFA)', () => {
    expect(problemsOf({ ...production, AUTH_MFA_ROLES: 'admin,auditor' })).toEqual(['AUTH_MFA_ROLES']);
    expect(loadAppConfig({ ...production, AUTH_MFA_ROLES: 'administrator,auditor' }, { envFile: false }).auth.mfaRoles).toEqual(['administrator', 'auditor']);
  });

  it('never puts a secret value in its message', () => {
    const secret = Buffer.alloc(31, 1).toString('base64');
    try {
      loadAppConfig({ ...production, NIR_ENCRYPTION_KEY: secret }, { envFile: false });
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as Error).message).toContain('exactly 32 bytes');
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('reads the env file under the environment, empty values meaning unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rsa-config-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=4100\nLOG_LEVEL=debug\nDATABASE_URL=postgres://postgres@127.0.0.1:5432/from_file\n');
    const config = loadAppConfig({ LOG_LEVEL: 'error', DATABASE_URL: '' }, { envFile: file });
    expect(config.port).toBe(4100);
    expect(config.logLevel).toBe('error');
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/from_file');
  });

  it('uses config/.env.test under jest, on a database named test', () => {
    const config = loadAppConfig({ NODE_ENV: 'test' });
    expect(config.nodeEnv).toBe('test');
    expect(new URL(config.databaseUrl).pathname).toMatch(/test/);
  });

  it('keeps keys and passwords out of JSON', () => {
    const json = JSON.stringify(loadAppConfig(production, { envFile: false }));
    expect(json).not.toContain('secret');
    expect(json).not.toContain(PROD_KEY);
    expect(json).not.toContain(PROD_PSEUDONYM_KEY);
    expect(json).toContain('[redacted]');
  });
});
