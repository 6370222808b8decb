import { Module } from '@nestjs/common';
import { AccessModule, AccessPolicy, CaseGrants } from '@rsa/access';
import { AppConfig, AuditTrail, pgPoolOf } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { BeneficiaryChanges } from './application/beneficiary-changes';
import { BeneficiaryFiles } from './application/beneficiary-files';
import { NirRotation } from './application/nir-rotation';
import { PersonAccess } from './application/person-access';
import { TerritoryReporting } from './application/territory-reporting';
import { BeneficiaryModule } from './beneficiary.module';
import { NirVault } from './infrastructure/nir-vault';

/** The beneficiary's file, without transport: search, read, NIR, export, contact, rectification, shares, territory reporting. */
@Module({
  imports: [BeneficiaryModule, AccessModule],
  providers: [
    { provide: PersonAccess, inject: [DataSource, AccessPolicy], useFactory: (ds: DataSource, policy: AccessPolicy) => new PersonAccess(pgPoolOf(ds), policy) },
    {
      provide: BeneficiaryFiles,
      inject: [DataSource, PersonAccess, AccessPolicy, AuditTrail, NirVault, CaseGrants],
      useFactory: (ds: DataSource, access: PersonAccess, policy: AccessPolicy, audit: AuditTrail, vault: NirVault, grants: CaseGrants) =>
        new BeneficiaryFiles(pgPoolOf(ds), access, policy, audit, vault, grants),
    },
    {
      provide: BeneficiaryChanges,
      inject: [DataSource, PersonAccess, AccessPolicy, AuditTrail, CaseGrants],
      useFactory: (ds: DataSource, access: PersonAccess, policy: AccessPolicy, audit: AuditTrail, grants: CaseGrants) =>
        new BeneficiaryChanges(pgPoolOf(ds), access, policy, audit, grants),
    },
    {
      provide: TerritoryReporting,
      inject: [DataSource, AccessPolicy, AuditTrail, AppConfig],
      useFactory: (ds: DataSource, policy: AccessPolicy, audit: AuditTrail, config: AppConfig) => new TerritoryReporting(pgPoolOf(ds), policy, audit, config.pseudonymKey),
    },
    {
      provide: NirRotation,
      inject: [DataSource, NirVault, AccessPolicy, AuditTrail],
      useFactory: (ds: DataSource, vault: NirVault, policy: AccessPolicy, audit: AuditTrail) => new NirRotation(pgPoolOf(ds), vault, policy, audit),
    },
  ],
  exports: [BeneficiaryFiles, BeneficiaryChanges, TerritoryReporting, NirRotation, PersonAccess],
})
export class BeneficiaryFilesModule {}
