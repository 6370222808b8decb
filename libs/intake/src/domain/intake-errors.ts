import { CodedError } from '@rsa/kernel';

export enum IntakeErrorCode {
  FileNotFound = 'INTAKE_FILE_NOT_FOUND',
  RejectNotFound = 'INTAKE_REJECT_NOT_FOUND',
  AnomalyNotFound = 'INTAKE_ANOMALY_NOT_FOUND',
  AnomalyAlreadyResolved = 'INTAKE_ANOMALY_ALREADY_RESOLVED',
  AnomalyResolutionUnknown = 'INTAKE_ANOMALY_RESOLUTION_UNKNOWN',
  UploadMissing = 'INTAKE_UPLOAD_MISSING',
  UploadEmpty = 'INTAKE_UPLOAD_EMPTY',
  /** More than one file, or other fields. */
  UploadInvalid = 'INTAKE_UPLOAD_INVALID',
  /** Larger than INTAKE_MAX_UPLOAD_MB: the HTTP name, as for any body too large. */
  UploadTooLarge = 'PAYLOAD_TOO_LARGE',
  SourceUnreadable = 'INTAKE_SOURCE_UNREADABLE',
}

export class IntakeError extends CodedError<IntakeErrorCode> {}

/** HTTP status of each intake error code, registered with the API's error filter. */
export const INTAKE_ERROR_STATUS: Record<IntakeErrorCode, number> = {
  [IntakeErrorCode.FileNotFound]: 404,
  [IntakeErrorCode.RejectNotFound]: 404,
  [IntakeErrorCode.AnomalyNotFound]: 404,
  [IntakeErrorCode.AnomalyAlreadyResolved]: 409,
  [IntakeErrorCode.AnomalyResolutionUnknown]: 400,
  [IntakeErrorCode.UploadMissing]: 400,
  [IntakeErrorCode.UploadEmpty]: 400,
  [IntakeErrorCode.UploadInvalid]: 400,
  [IntakeErrorCode.UploadTooLarge]: 413,
  [IntakeErrorCode.SourceUnreadable]: 422,
};
