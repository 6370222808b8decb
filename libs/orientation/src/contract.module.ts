import { Module } from '@nestjs/common';
import { AccessModule, AccessPolicy } from '@rsa/access';
import { BeneficiaryFilesModule, PersonAccess } from '@rsa/beneficiary';
import { Clock } from '@rsa/kernel';
import { AuditTrail, poolService } from '@rsa/platform';
import { ContractCommands } from './application/contract-commands';
import { ContractQueries } from './application/contract-queries';
import { ContractReminders } from './application/contract-reminders';
import { PathExits } from './application/path-exits';

/** Contrats d'engagement (CER, PPAE): action plan, weekly intensity, bilan, renewal, reminders; exit from the path. */
@Module({
  imports: [AccessModule, BeneficiaryFilesModule],
  providers: [
    poolService(ContractCommands, PersonAccess, AuditTrail, Clock),
    poolService(ContractQueries, PersonAccess, AuditTrail, Clock),
    poolService(PathExits, PersonAccess, AuditTrail, Clock),
    poolService(ContractReminders, AccessPolicy, AuditTrail, Clock),
  ],
  exports: [ContractCommands, ContractQueries, PathExits, ContractReminders],
})
export class ContractModule {}
