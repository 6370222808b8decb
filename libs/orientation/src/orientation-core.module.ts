import { Module } from '@nestjs/common';
import { AccessModule, AccessPolicy } from '@rsa/access';
import { BeneficiaryFilesModule, PersonAccess } from '@rsa/beneficiary';
import { Clock } from '@rsa/kernel';
import { AuditTrail, pgPoolOf } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { Diagnostics } from './application/diagnostics';
import { DominanteCodes } from './application/dominante-codes';
import { OrientationDecisions } from './application/orientation-decisions';
import { Reorientations } from './application/reorientations';
import { RuleSets } from './application/rule-sets';
import { Simulations } from './application/simulations';
import { TargetMixes } from './application/target-mixes';

/**
 * Diagnostics (versioned), rule sets, target mixes and simulations, proposals, decisions,
 * orientation periods and réorientation requests, dominante codes. Without transport.
 */
@Module({
  imports: [AccessModule, BeneficiaryFilesModule],
  providers: [
    {
      provide: Diagnostics,
      inject: [DataSource, PersonAccess, AuditTrail, Clock],
      useFactory: (ds: DataSource, access: PersonAccess, audit: AuditTrail, clock: Clock) => new Diagnostics(pgPoolOf(ds), access, audit, clock),
    },
    {
      provide: RuleSets,
      inject: [DataSource, AccessPolicy, AuditTrail, Clock],
      useFactory: (ds: DataSource, policy: AccessPolicy, audit: AuditTrail, clock: Clock) => new RuleSets(pgPoolOf(ds), policy, audit, clock),
    },
    {
      provide: TargetMixes,
      inject: [DataSource, AccessPolicy, AuditTrail, Clock],
      useFactory: (ds: DataSource, policy: AccessPolicy, audit: AuditTrail, clock: Clock) => new TargetMixes(pgPoolOf(ds), policy, audit, clock),
    },
    {
      provide: Simulations,
      inject: [DataSource, AccessPolicy, AuditTrail, Clock],
      useFactory: (ds: DataSource, policy: AccessPolicy, audit: AuditTrail, clock: Clock) => new Simulations(pgPoolOf(ds), policy, audit, clock),
    },
    {
      provide: OrientationDecisions,
      inject: [DataSource, PersonAccess, AuditTrail, Clock],
      useFactory: (ds: DataSource, access: PersonAccess, audit: AuditTrail, clock: Clock) => new OrientationDecisions(pgPoolOf(ds), access, audit, clock),
    },
    {
      provide: Reorientations,
      inject: [DataSource, PersonAccess, AccessPolicy, AuditTrail, Clock],
      useFactory: (ds: DataSource, access: PersonAccess, policy: AccessPolicy, audit: AuditTrail, clock: Clock) => new Reorientations(pgPoolOf(ds), access, policy, audit, clock),
    },
    {
      provide: DominanteCodes,
      inject: [DataSource, AccessPolicy, AuditTrail, Clock],
      useFactory: (ds: DataSource, policy: AccessPolicy, audit: AuditTrail, clock: Clock) => new DominanteCodes(pgPoolOf(ds), policy, audit, clock),
    },
  ],
  exports: [Diagnostics, RuleSets, TargetMixes, Simulations, OrientationDecisions, Reorientations, DominanteCodes],
})
export class OrientationCoreModule {}
