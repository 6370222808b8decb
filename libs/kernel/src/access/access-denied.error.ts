import { CodedError } from '../domain-error';

export enum AccessErrorCode {
  /** No valid bearer token: missing, malformed, forged, expired, wrong issuer or audience. */
  Unauthenticated = 'AUTH_UNAUTHENTICATED',
  /** A valid token, but nobody known to the product, or no active habilitation. */
  NoHabilitation = 'AUTH_NO_HABILITATION',
  HabilitationExpired = 'AUTH_HABILITATION_EXPIRED',
  HabilitationRevoked = 'AUTH_HABILITATION_REVOKED',
  /** Several active habilitations and the token did not say which one. */
  HabilitationAmbiguous = 'AUTH_HABILITATION_AMBIGUOUS',
  /** The role requires a second factor the token does not show. */
  MfaRequired = 'AUTH_MFA_REQUIRED',
  /** The role does not allow this action at all. */
  Forbidden = 'ACCESS_FORBIDDEN',
  /** The role allows it, but not on this beneficiary (another portfolio, another territory). */
  OutOfScope = 'ACCESS_OUT_OF_SCOPE',
  /** The action requires a reason and none (or an unknown one) was given. */
  ReasonRequired = 'ACCESS_REASON_REQUIRED',
}

export class AccessDeniedError extends CodedError<AccessErrorCode> {}

export const ACCESS_ERROR_STATUS: Record<AccessErrorCode, number> = {
  [AccessErrorCode.Unauthenticated]: 401,
  [AccessErrorCode.NoHabilitation]: 403,
  [AccessErrorCode.HabilitationExpired]: 403,
  [AccessErrorCode.HabilitationRevoked]: 403,
  [AccessErrorCode.HabilitationAmbiguous]: 403,
  [AccessErrorCode.MfaRequired]: 403,
  [AccessErrorCode.Forbidden]: 403,
  [AccessErrorCode.OutOfScope]: 403,
  [AccessErrorCode.ReasonRequired]: 400,
};
