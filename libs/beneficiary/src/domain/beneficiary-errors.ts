import { CodedError } from '@rsa/kernel';

export enum BeneficiaryErrorCode {
  PersonNotFound = 'BENEFICIARY_NOT_FOUND',
  Anonymised = 'BENEFICIARY_ANONYMISED',
  NoNir = 'BENEFICIARY_NO_NIR',
  InvalidNir = 'BENEFICIARY_INVALID_NIR',
  InvalidContact = 'BENEFICIARY_INVALID_CONTACT',
  InvalidRectification = 'BENEFICIARY_INVALID_RECTIFICATION',
  TerritoryNotFound = 'BENEFICIARY_TERRITORY_NOT_FOUND',
}

export class BeneficiaryError extends CodedError<BeneficiaryErrorCode> {}

export const BENEFICIARY_ERROR_STATUS: Record<BeneficiaryErrorCode, number> = {
  [BeneficiaryErrorCode.PersonNotFound]: 404,
  [BeneficiaryErrorCode.Anonymised]: 410,
  [BeneficiaryErrorCode.NoNir]: 404,
  [BeneficiaryErrorCode.InvalidNir]: 422,
  [BeneficiaryErrorCode.InvalidContact]: 422,
  [BeneficiaryErrorCode.InvalidRectification]: 422,
  [BeneficiaryErrorCode.TerritoryNotFound]: 404,
};
