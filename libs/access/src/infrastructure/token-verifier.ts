import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AccessDeniedError, AccessErrorCode } from '@rsa/kernel';
import type { AuthConfig } from '@rsa/platform';

/** What the product reads from a verified access token. */
export interface VerifiedToken {
  subject: string;
  /** `rsa_role`: which of the professional's habilitations the session acts under, if several. */
  role: string | null;
  /** `rsa_structure`: same, by structure id. */
  structureId: string | null;
  /** `amr` shows a second factor (mfa, otp, hwk, swk, sms). */
  mfa: boolean;
  expiresAt: Date;
}

/** Authentication methods that count as a second factor (RFC 8176). */
const SECOND_FACTORS = new Set(['mfa', 'otp', 'hwk', 'swk', 'sms', 'fido']);
const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/** Why a token was refused, for the audit trail (never the token itself). */
export type TokenProblem = 'missing' | 'malformed' | 'signature' | 'expired' | 'not-yet-valid' | 'issuer' | 'audience' | 'claims' | 'keys';

export function tokenRefused(problem: TokenProblem): AccessDeniedError {
  return new AccessDeniedError(AccessErrorCode.Unauthenticated, 'A valid bearer token is required', { problem });
}

/**
 * Checks OpenID Connect access tokens (JWT): signature against the identity provider's keys
 * (JWKS from AUTH_JWKS_URL, cached and refreshed by jose, or from AUTH_JWKS_FILE), issuer, audience,
 * expiry (with AUTH_CLOCK_TOLERANCE_SECONDS), and a subject. `alg: none` and HMAC are refused.
 */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly config: AuthConfig) {
    if (config.jwksUrl) {
      this.keys = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    } else if (config.jwksFile) {
      let jwks: JSONWebKeySet;
      try {
        jwks = JSON.parse(readFileSync(config.jwksFile, 'utf8')) as JSONWebKeySet;
      } catch (error) {
        throw new Error(
          `Cannot read the token signing keys (AUTH_JWKS_FILE=${config.jwksFile}): ${(error as Error).message}. ` +
            'For the local issuer, run: npm run --silent cli -- auth:init',
        );
      }
      this.keys = createLocalJWKSet(jwks);
    } else {
      throw new Error('AUTH_JWKS_URL or AUTH_JWKS_FILE is required');
    }
  }

  async verify(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw tokenRefused(problemOf(error));
    }
    const amr = Array.isArray(payload['amr']) ? (payload['amr'] as unknown[]) : [];
    const text = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 255 ? value : null);
    const subject = text(payload.sub);
    if (!subject) throw tokenRefused('claims');
    return {
      subject,
      role: text(payload['rsa_role']),
      structureId: text(payload['rsa_structure']),
      mfa: amr.some((m) => typeof m === 'string' && SECOND_FACTORS.has(m)),
      expiresAt: new Date((payload.exp as number) * 1000),
    };
  }
}

function problemOf(error: unknown): TokenProblem {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'nbf') return 'not-yet-valid';
    return 'claims';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'signature';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'keys';
  return 'malformed';
}
