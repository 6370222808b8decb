import { Module } from '@nestjs/common';
import { AccessModule, AccessPolicy, CaseGrants } from '@rsa/access';
import { AppConfig, AuditTrail, pgPoolOf, poolService } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { Clock } from '@rsa/kernel';
import { BeneficiaryChanges } from './application/beneficiary-changes';
import { BeneficiaryFiles } from './application/beneficiary-files';
import { NirRotation } from './application/nir-rotation';
import { PersonAccess } from './application/person-access';
import { TerritoryReporting } from './application/territory-reporting';
import { BeneficiaryModule } from './beneficiary.module';
import { NirVault } from './infrastructure/nir-vault';
import { PersonData } from './application/person-data';
import { ContactFollowers } from './application/contact-followers';

/** The beneficiary's file, without transport: search, read, NIR, export, contact, rectification, shares, territory reporting. */
@Module({
  imports: [BeneficiaryModule, AccessModule],
  providers: [
    poolService(PersonAccess, AccessPolicy),
    poolService(BeneficiaryFiles, PersonAccess, AccessPolicy, AuditTrail, NirVault, CaseGrants, PersonData),
    poolService(BeneficiaryChanges, PersonAccess, AccessPolicy, AuditTrail, CaseGrants, NirVault, Clock, ContactFollowers),
    {
      provide: TerritoryReporting,
      inject: [DataSource, AccessPolicy, AuditTrail, AppConfig],
      useFactory: (ds: DataSource, policy: AccessPolicy, audit: AuditTrail, config: AppConfig) => new TerritoryReporting(pgPoolOf(ds), policy, audit, config.pseudonymKey),
    },
    poolService(NirRotation, NirVault, AccessPolicy, AuditTrail),
  ],
  exports: [BeneficiaryFiles, BeneficiaryChanges, TerritoryReporting, NirRotation, PersonAccess],
})
export class BeneficiaryFilesModule {}
