import { Module } from '@nestjs/common';
import { AuditTrail, poolService, registerErrorCodes } from '@rsa/platform';
import { ACCESS_ERROR_STATUS } from '@rsa/kernel';
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
    poolService(CaseGrants),
    poolService(Organisation, AccessPolicy, AuditTrail),
    poolService(OrganisationSeed, Organisation),
  ],
  exports: [AccessPolicy, AuditQueries, CaseGrants, Organisation, OrganisationSeed],
})
export class AccessModule {}
