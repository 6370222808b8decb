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
  // Referents and portfolios: capacity, assignment, first accompaniment appointment, transfers, reviews
  ReferentNotFound = 'ORIENTATION_PORTFOLIO_REFERENT_NOT_FOUND',
  ReferentNotEligible = 'ORIENTATION_PORTFOLIO_REFERENT_NOT_ELIGIBLE',
  NoReferentAvailable = 'ORIENTATION_PORTFOLIO_NO_REFERENT',
  AlreadyAssigned = 'ORIENTATION_PORTFOLIO_ALREADY_ASSIGNED',
  OverCapacityReasonRequired = 'ORIENTATION_PORTFOLIO_OVER_CAPACITY_REASON_REQUIRED',
  InvalidCapacity = 'ORIENTATION_PORTFOLIO_INVALID_CAPACITY',
  InvalidAvailability = 'ORIENTATION_PORTFOLIO_INVALID_AVAILABILITY',
  FirstAppointmentInvalid = 'ORIENTATION_PORTFOLIO_FIRST_APPOINTMENT_INVALID',
  FirstAppointmentNotFound = 'ORIENTATION_PORTFOLIO_FIRST_APPOINTMENT_NOT_FOUND',
  FirstAppointmentState = 'ORIENTATION_PORTFOLIO_FIRST_APPOINTMENT_STATE',
  InvalidTransfer = 'ORIENTATION_PORTFOLIO_INVALID_TRANSFER',
  NotInPortfolio = 'ORIENTATION_PORTFOLIO_NOT_IN_PORTFOLIO',
  InvalidReview = 'ORIENTATION_PORTFOLIO_INVALID_REVIEW',
  // Contracts (CER, PPAE), action plans, intensity, bilans, renewals; exits from the path
  ContractNotFound = 'ORIENTATION_CONTRACT_NOT_FOUND',
  ContractAlreadyLive = 'ORIENTATION_CONTRACT_ALREADY_LIVE',
  ContractNotLive = 'ORIENTATION_CONTRACT_NOT_LIVE',
  ContractState = 'ORIENTATION_CONTRACT_STATE',
  ContractInvalid = 'ORIENTATION_CONTRACT_INVALID',
  ActionNotFound = 'ORIENTATION_CONTRACT_ACTION_NOT_FOUND',
  ActionClosed = 'ORIENTATION_CONTRACT_ACTION_CLOSED',
  IntensityReasonRequired = 'ORIENTATION_INTENSITY_REASON_REQUIRED',
  IntensityAdjustmentOverlap = 'ORIENTATION_INTENSITY_ADJUSTMENT_OVERLAP',
  BilanAlreadyRecorded = 'ORIENTATION_BILAN_ALREADY_RECORDED',
  BilanRequired = 'ORIENTATION_BILAN_REQUIRED',
  ExitNotFound = 'ORIENTATION_EXIT_NOT_FOUND',
  MilestoneNotApplicable = 'ORIENTATION_EXIT_MILESTONE_NOT_APPLICABLE',
  MilestoneNotDue = 'ORIENTATION_EXIT_MILESTONE_NOT_DUE',
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
  // Referents and portfolios
  [OrientationErrorCode.ReferentNotFound]: 404,
  [OrientationErrorCode.ReferentNotEligible]: 422,
  [OrientationErrorCode.NoReferentAvailable]: 422,
  [OrientationErrorCode.AlreadyAssigned]: 409,
  [OrientationErrorCode.OverCapacityReasonRequired]: 422,
  [OrientationErrorCode.InvalidCapacity]: 422,
  [OrientationErrorCode.InvalidAvailability]: 422,
  [OrientationErrorCode.FirstAppointmentInvalid]: 422,
  [OrientationErrorCode.FirstAppointmentNotFound]: 404,
  [OrientationErrorCode.FirstAppointmentState]: 409,
  [OrientationErrorCode.InvalidTransfer]: 422,
  [OrientationErrorCode.NotInPortfolio]: 422,
  [OrientationErrorCode.InvalidReview]: 422,
  // Contracts and exits
  [OrientationErrorCode.ContractNotFound]: 404,
  [OrientationErrorCode.ContractAlreadyLive]: 409,
  [OrientationErrorCode.ContractNotLive]: 409,
  [OrientationErrorCode.ContractState]: 409,
  [OrientationErrorCode.ContractInvalid]: 422,
  [OrientationErrorCode.ActionNotFound]: 404,
  [OrientationErrorCode.ActionClosed]: 409,
  [OrientationErrorCode.IntensityReasonRequired]: 422,
  [OrientationErrorCode.IntensityAdjustmentOverlap]: 409,
  [OrientationErrorCode.BilanAlreadyRecorded]: 409,
  [OrientationErrorCode.BilanRequired]: 409,
  [OrientationErrorCode.ExitNotFound]: 404,
  [OrientationErrorCode.MilestoneNotApplicable]: 422,
  [OrientationErrorCode.MilestoneNotDue]: 409,
};
