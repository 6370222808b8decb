import { Module } from '@nestjs/common';
import { AuditTrail, pgPoolOf, registerErrorCodes } from '@rsa/platform';
import { ACCESS_ERROR_STATUS } from '@rsa/kernel';
import { DataSource } from 'typeorm';
import { AccessPolicy } from './application/access-policy';
import { AuditQueries } from './application/audit-queries';
import { CaseGrants } from './application/case-grants';
import { Organisation } from './application/organisation';
import { OrganisationSeed } from './application/organisation-seed';
import { ORGANISATION_ERROR_STATUS } from './domain/access-errors';

registerErrorCodes(ACCESS_ERROR_STATUS);
registerErrorCodes(ORGANISATION_ERROR_STATUS);

/** Who may do what: the policy every handler calls, case grants, the organisation. No transport. */
@Module({
  providers: [
    { provide: AccessPolicy, inject: [AuditTrail], useFactory: (audit: AuditTrail) => new AccessPolicy(audit) },
    { provide: AuditQueries, inject: [AuditTrail, AccessPolicy], useFactory: (audit: AuditTrail, policy: AccessPolicy) => new AuditQueries(audit, policy) },
    { provide: CaseGrants, inject: [DataSource], useFactory: (dataSource: DataSource) => new CaseGrants(pgPoolOf(dataSource)) },
    {
      provide: Organisation,
      inject: [DataSource, AccessPolicy, AuditTrail],
      useFactory: (dataSource: DataSource, policy: AccessPolicy, audit: AuditTrail) => new Organisation(pgPoolOf(dataSource), policy, audit),
    },
    {
      provide: OrganisationSeed,
      inject: [DataSource, Organisation],
      useFactory: (dataSource: DataSource, organisation: Organisation) => new OrganisationSeed(pgPoolOf(dataSource), organisation),
    },
  ],
  exports: [AccessPolicy, AuditQueries, CaseGrants, Organisation, OrganisationSeed],
})
export class AccessModule {}
