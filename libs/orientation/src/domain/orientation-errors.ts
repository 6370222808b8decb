import { CodedError } from '@rsa/kernel';

/**
 * The orientation context's refusals. Each part (diagnostics and orientation, portfolios,
 * contracts) adds its codes here, with their HTTP status.
 */
export enum OrientationErrorCode {
  // Periods
  PersonNotFound = 'ORIENTATION_PERSON_NOT_FOUND',
  NoCurrentOrientation = 'ORIENTATION_NO_CURRENT_ORIENTATION',
  PeriodOverlap = 'ORIENTATION_PERIOD_OVERLAP',
  InvalidPeriod = 'ORIENTATION_INVALID_PERIOD',
  TerritoryNotFound = 'ORIENTATION_TERRITORY_NOT_FOUND',
  VersionConflict = 'ORIENTATION_VERSION_CONFLICT',
  NoticeNotFound = 'ORIENTATION_NOTICE_NOT_FOUND',
}

export class OrientationError extends CodedError<OrientationErrorCode> {}

export const ORIENTATION_ERROR_STATUS: Record<OrientationErrorCode, number> = {
  [OrientationErrorCode.PersonNotFound]: 404,
  [OrientationErrorCode.NoCurrentOrientation]: 409,
  [OrientationErrorCode.PeriodOverlap]: 409,
  [OrientationErrorCode.InvalidPeriod]: 422,
  [OrientationErrorCode.TerritoryNotFound]: 404,
  [OrientationErrorCode.VersionConflict]: 409,
  [OrientationErrorCode.NoticeNotFound]: 404,
};
