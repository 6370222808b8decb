export type {
  PlainValue,
  PlainBlock,
  UnknownCode,
  PersonRecord,
  AddressRecord,
  HouseholdRecord,
} from './domain/caf-household';
export * from './domain/entry-rule';
export * from './domain/rights-transition';
export * from './domain/identity-key';
export * from './application/caf-snapshot-applier';
export { currentEntries, type StoredEntry } from './application/stored-entry';
export { PersonData, personDataSection, type PersonDataSection } from './application/person-data';
export { ContactFollowers, contactFollower, type ContactChange, type ContactFollower } from './application/contact-followers';
export { PathProgress, pathStageProbe, PATH_STAGES, type PathStage, type PathStageProbe } from './application/path-progress';
export { linkSameHuman, markDistinctDespiteNir, undoDistinctDespiteNir, unlinkSameHuman, type SameHumanLink, type SameHumanUnlink } from './application/same-human';
export { NirVault } from './infrastructure/nir-vault';
export { BeneficiaryModule } from './beneficiary.module';
export { BeneficiaryError, BeneficiaryErrorCode, BENEFICIARY_ERROR_STATUS } from './domain/beneficiary-errors';
export { BeneficiaryFiles, type BeneficiaryListItem, type SearchCriteria } from './application/beneficiary-files';
export { BeneficiaryChanges, type ContactPatch, type ShareRequest } from './application/beneficiary-changes';
export { RECTIFIABLE_FIELDS, type RectifiableField } from './domain/rectification';
export { PersonAccess, personVisibleSql } from './application/person-access';
export { TerritoryReporting } from './application/territory-reporting';
export { BeneficiaryApiModule } from './http/beneficiary-api.module';
export { BeneficiaryRetention, type AnonymisationResult } from './application/beneficiary-retention';
export { BeneficiaryFilesModule } from './beneficiary-files.module';
export { nirDigestsBehind, NirRotation, type NirRotationResult } from './application/nir-rotation';
