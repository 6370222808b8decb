import { CodedError } from '@rsa/kernel';

export enum OrganisationErrorCode {
  TerritoryNotFound = 'ORG_TERRITORY_NOT_FOUND',
  StructureNotFound = 'ORG_STRUCTURE_NOT_FOUND',
  ProfessionalNotFound = 'ORG_PROFESSIONAL_NOT_FOUND',
  HabilitationNotFound = 'ORG_HABILITATION_NOT_FOUND',
  SubjectTaken = 'ORG_SUBJECT_TAKEN',
  StructureCodeTaken = 'ORG_STRUCTURE_CODE_TAKEN',
  CommuneTaken = 'ORG_COMMUNE_TAKEN',
  InvalidHabilitation = 'ORG_INVALID_HABILITATION',
  /** Nobody changes their own habilitations: separation of duties. */
  SelfHabilitation = 'ORG_SELF_HABILITATION',
  GrantNotFound = 'ORG_GRANT_NOT_FOUND',
  InvalidGrant = 'ORG_INVALID_GRANT',
}

export class OrganisationError extends CodedError<OrganisationErrorCode> {}

export const ORGANISATION_ERROR_STATUS: Record<OrganisationErrorCode, number> = {
  [OrganisationErrorCode.TerritoryNotFound]: 404,
  [OrganisationErrorCode.StructureNotFound]: 404,
  [OrganisationErrorCode.ProfessionalNotFound]: 404,
  [OrganisationErrorCode.HabilitationNotFound]: 404,
  [OrganisationErrorCode.SubjectTaken]: 409,
  [OrganisationErrorCode.StructureCodeTaken]: 409,
  [OrganisationErrorCode.CommuneTaken]: 409,
  [OrganisationErrorCode.InvalidHabilitation]: 422,
  [OrganisationErrorCode.SelfHabilitation]: 403,
  [OrganisationErrorCode.GrantNotFound]: 404,
  [OrganisationErrorCode.InvalidGrant]: 422,
};
