import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { AuthConfig } from '@rsa/platform';

/**
 * A small OpenID Connect issuer for the demo and the tests: one ES256 key pair in
 * AUTH_LOCAL_ISSUER_KEY_FILE, its public half in AUTH_JWKS_FILE (which the API trusts), and tokens
 * minted for a given user, role and structure. Production uses the Département's identity
 * provider (AUTH_JWKS_URL); the CLI refuses to mint there.
 */
export interface MintRequest {
  subject: string;
  role?: string | null;
  structureId?: string | null;
  /** Lifetime in seconds (default 1 hour). Negative: an already expired token (tests). */
  ttlSeconds?: number;
  /** Adds `otp` to `amr`: the token says a second factor was used. */
  mfa?: boolean;
  /** Overrides (tests): another issuer or audience. */
  issuer?: string;
  audience?: string;
}

/** Creates the key pair once; concurrent callers (parallel test files) all end up with the same one. */
export async function ensureLocalIssuerKey(config: AuthConfig): Promise<void> {
  const keyFile = config.localIssuerKeyFile;
  if (!existsSync(keyFile)) {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: `local-${randomUUID().slice(0, 8)}`, alg: 'ES256', use: 'sig' };
    mkdirSync(dirname(keyFile), { recursive: true });
    const temporary = `${keyFile}.${process.pid}.${randomUUID()}`;
    writeFileSync(temporary, JSON.stringify(jwk), { mode: 0o600 });
    try {
      linkSync(temporary, keyFile); // atomic: fails if another process got there first
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  if (config.jwksFile) {
    const { d: _private, ...publicJwk } = readKey(keyFile);
    const jwks = JSON.stringify({ keys: [publicJwk] });
    if (!existsSync(config.jwksFile) || readFileSync(config.jwksFile, 'utf8') !== jwks) {
      mkdirSync(dirname(config.jwksFile), { recursive: true });
      const temporary = `${config.jwksFile}.${process.pid}.${randomUUID()}`;
      writeFileSync(temporary, jwks);
      // Atomic replacement: a reader sees the old or the new file, never half of one.
      renameSync(temporary, config.jwksFile);
    }
  }
}

export async function mintLocalToken(config: AuthConfig, request: MintRequest): Promise<string> {
  const jwk = readKey(config.localIssuerKeyFile);
  const key = await importJWK(jwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  const ttl = request.ttlSeconds ?? 3600;
  const claims: Record<string, unknown> = { amr: request.mfa ? ['pwd', 'otp'] : ['pwd'] };
  if (request.role) claims['rsa_role'] = request.role;
  if (request.structureId) claims['rsa_structure'] = request.structureId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(request.issuer ?? config.issuer)
    .setAudience(request.audience ?? config.audience)
    .setSubject(request.subject)
    .setIssuedAt(ttl < 0 ? now + ttl - 60 : now)
    .setExpirationTime(now + ttl)
    .setJti(randomUUID())
    .sign(key);
}

function readKey(file: string): JWK {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } catch (error) {
    throw new Error(`No local issuer key in ${file} (${(error as Error).message}): run npm run --silent cli -- auth:init`);
  }
}
