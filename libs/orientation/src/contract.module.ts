import { Module } from '@nestjs/common';
import { AccessModule, AccessPolicy } from '@rsa/access';
import { BeneficiaryFilesModule, PersonAccess } from '@rsa/beneficiary';
import { Clock } from '@rsa/kernel';
import { AuditTrail, pgPoolOf } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { ContractCommands } from './application/contract-commands';
import { ContractQueries } from './application/contract-queries';
import { ContractReminders } from './application/contract-reminders';
import { PathExits } from './application/path-exits';

/** Contrats d'engagement (CER, PPAE): action plan, weekly intensity, bilan, renewal, reminders; exit from the path. */
@Module({
  imports: [AccessModule, BeneficiaryFilesModule],
  providers: [
    {
      provide: ContractCommands,
      inject: [DataSource, PersonAccess, AuditTrail, Clock],
      useFactory: (ds: DataSource, access: PersonAccess, audit: AuditTrail, clock: Clock) => new ContractCommands(pgPoolOf(ds), access, audit, clock),
    },
    {
      provide: ContractQueries,
      inject: [DataSource, PersonAccess, AuditTrail, Clock],
      useFactory: (ds: DataSource, access: PersonAccess, audit: AuditTrail, clock: Clock) => new ContractQueries(pgPoolOf(ds), access, audit, clock),
    },
    {
      provide: PathExits,
      inject: [DataSource, PersonAccess, AuditTrail, Clock],
      useFactory: (ds: DataSource, access: PersonAccess, audit: AuditTrail, clock: Clock) => new PathExits(pgPoolOf(ds), access, audit, clock),
    },
    {
      provide: ContractReminders,
      inject: [DataSource, AccessPolicy, AuditTrail, Clock],
      useFactory: (ds: DataSource, policy: AccessPolicy, audit: AuditTrail, clock: Clock) => new ContractReminders(pgPoolOf(ds), policy, audit, clock),
    },
  ],
  exports: [ContractCommands, ContractQueries, PathExits, ContractReminders],
})
export class ContractModule {}
