import { Module } from '@nestjs/common';
import { AccessModule, AccessPolicy } from '@rsa/access';
import { BeneficiaryFilesModule, BeneficiaryModule, PersonAccess, pathStageProbe, personDataSection } from '@rsa/beneficiary';
import { Clock } from '@rsa/kernel';
import { AuditTrail, poolService } from '@rsa/platform';
import { Diagnostics } from './application/diagnostics';
import { DominanteCodes } from './application/dominante-codes';
import { OrientationDecisions } from './application/orientation-decisions';
import { orientationPathStages } from './application/orientation-path-stages';
import { orientationPersonData } from './application/orientation-person-data';
import { Reorientations } from './application/reorientations';
import { RuleSets } from './application/rule-sets';
import { Simulations } from './application/simulations';
import { TargetMixes } from './application/target-mixes';

/**
 * Diagnostics (versioned), rule sets, target mixes and simulations, proposals, decisions,
 * orientation periods and réorientation requests, dominante codes. Without transport.
 */
@Module({
  imports: [AccessModule, BeneficiaryModule, BeneficiaryFilesModule],
  providers: [
    pathStageProbe('orientation', orientationPathStages),
    personDataSection('orientation', orientationPersonData),
    poolService(Diagnostics, PersonAccess, AuditTrail, Clock),
    poolService(RuleSets, AccessPolicy, AuditTrail, Clock),
    poolService(TargetMixes, AccessPolicy, AuditTrail, Clock),
    poolService(Simulations, AccessPolicy, AuditTrail, Clock),
    poolService(OrientationDecisions, PersonAccess, AuditTrail, Clock),
    poolService(Reorientations, PersonAccess, AccessPolicy, AuditTrail, Clock),
    poolService(DominanteCodes, AccessPolicy, AuditTrail, Clock),
  ],
  exports: [Diagnostics, RuleSets, TargetMixes, Simulations, OrientationDecisions, Reorientations, DominanteCodes],
})
export class OrientationCoreModule {}
