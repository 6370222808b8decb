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
export { NirVault } from './infrastructure/nir-vault';
export { BeneficiaryModule } from './beneficiary.module';
