import { CodedError } from '@rsa/kernel';

export enum IntakeErrorCode {
  FileNotFound = 'INTAKE_FILE_NOT_FOUND',
  RejectNotFound = 'INTAKE_REJECT_NOT_FOUND',
  AnomalyNotFound = 'INTAKE_ANOMALY_NOT_FOUND',
  AnomalyAlreadyResolved = 'INTAKE_ANOMALY_ALREADY_RESOLVED',
  AnomalyResolutionUnknown = 'INTAKE_ANOMALY_RESOLUTION_UNKNOWN',
  /** Reopening an anomaly that is open: nothing to undo. */
  AnomalyNotResolved = 'INTAKE_ANOMALY_NOT_RESOLVED',
  /** A resolution that does not fit the anomaly (one human twice, for an anomaly naming one record). */
  AnomalyResolutionNotApplicable = 'INTAKE_ANOMALY_RESOLUTION_NOT_APPLICABLE',
  /** A review that changes beneficiary data, sent while a CAF file import (or the retention job, or a NIR rotation) rewrites it. */
  BeneficiaryWritesBusy = 'INTAKE_IMPORT_UNDER_WAY',
  UploadMissing = 'INTAKE_UPLOAD_MISSING',
  UploadEmpty = 'INTAKE_UPLOAD_EMPTY',
  /** More than one file, or other fields. */
  UploadInvalid = 'INTAKE_UPLOAD_INVALID',
  /** Larger than INTAKE_MAX_UPLOAD_MB: the HTTP name, as for any body too large. */
  UploadTooLarge = 'PAYLOAD_TOO_LARGE',
  SourceUnreadable = 'INTAKE_SOURCE_UNREADABLE',
  /** NIR_HASH_KEY changed and `nir:rotate` has not run to the end: the file waits, nothing applied. */
  NirKeysNotRotated = 'INTAKE_NIR_NOT_ROTATED',
}

export class IntakeError extends CodedError<IntakeErrorCode> {}

/** HTTP status of each intake error code, registered with the API's error filter. */
export const INTAKE_ERROR_STATUS: Record<IntakeErrorCode, number> = {
  [IntakeErrorCode.FileNotFound]: 404,
  [IntakeErrorCode.RejectNotFound]: 404,
  [IntakeErrorCode.AnomalyNotFound]: 404,
  [IntakeErrorCode.AnomalyAlreadyResolved]: 409,
  [IntakeErrorCode.AnomalyResolutionUnknown]: 400,
  [IntakeErrorCode.AnomalyNotResolved]: 409,
  [IntakeErrorCode.AnomalyResolutionNotApplicable]: 422,
  [IntakeErrorCode.BeneficiaryWritesBusy]: 409,
  [IntakeErrorCode.UploadMissing]: 400,
  [IntakeErrorCode.UploadEmpty]: 400,
  [IntakeErrorCode.UploadInvalid]: 400,
  [IntakeErrorCode.UploadTooLarge]: 413,
  [IntakeErrorCode.SourceUnreadable]: 422,
  [IntakeErrorCode.NirKeysNotRotated]: 503,
};
