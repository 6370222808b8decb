import { Module } from '@nestjs/common';
import { AccessModule, AccessPolicy, CaseGrants } from '@rsa/access';
import { BeneficiaryFilesModule, PersonAccess } from '@rsa/beneficiary';
import { Clock } from '@rsa/kernel';
import { AuditTrail, pgPoolOf } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { PortfolioAccess } from './application/portfolio-access';
import { PortfolioAssignments } from './application/portfolio-assignments';
import { PortfolioCapacity } from './application/portfolio-capacity';
import { FirstAppointments } from './application/portfolio-first-appointments';
import { PortfolioQueries } from './application/portfolio-queries';
import { PortfolioReminders } from './application/portfolio-reminders';
import { PortfolioReviews } from './application/portfolio-reviews';
import { PortfolioTransfers } from './application/portfolio-transfers';

/** Referents' capacity, suggestion and assignment, first accompaniment appointment, portfolios, load, transfers, reviews, their daily reminders. */
@Module({
  imports: [AccessModule, BeneficiaryFilesModule],
  providers: [
    {
      provide: PortfolioAccess,
      inject: [DataSource, AccessPolicy, Clock],
      useFactory: (ds: DataSource, policy: AccessPolicy, clock: Clock) => new PortfolioAccess(pgPoolOf(ds), policy, clock),
    },
    {
      provide: PortfolioCapacity,
      inject: [DataSource, AccessPolicy, PortfolioAccess, AuditTrail, Clock],
      useFactory: (ds: DataSource, policy: AccessPolicy, access: PortfolioAccess, audit: AuditTrail, clock: Clock) => new PortfolioCapacity(pgPoolOf(ds), policy, access, audit, clock),
    },
    {
      provide: PortfolioAssignments,
      inject: [DataSource, PersonAccess, AccessPolicy, CaseGrants, AuditTrail, Clock],
      useFactory: (ds: DataSource, persons: PersonAccess, policy: AccessPolicy, grants: CaseGrants, audit: AuditTrail, clock: Clock) =>
        new PortfolioAssignments(pgPoolOf(ds), persons, policy, grants, audit, clock),
    },
    {
      provide: FirstAppointments,
      inject: [DataSource, PersonAccess, AccessPolicy, AuditTrail, Clock],
      useFactory: (ds: DataSource, persons: PersonAccess, policy: AccessPolicy, audit: AuditTrail, clock: Clock) => new FirstAppointments(pgPoolOf(ds), persons, policy, audit, clock),
    },
    {
      provide: PortfolioQueries,
      inject: [DataSource, AccessPolicy, PortfolioAccess, AuditTrail, Clock],
      useFactory: (ds: DataSource, policy: AccessPolicy, access: PortfolioAccess, audit: AuditTrail, clock: Clock) => new PortfolioQueries(pgPoolOf(ds), policy, access, audit, clock),
    },
    {
      provide: PortfolioTransfers,
      inject: [DataSource, PersonAccess, AccessPolicy, PortfolioAccess, CaseGrants, AuditTrail, Clock],
      useFactory: (ds: DataSource, persons: PersonAccess, policy: AccessPolicy, access: PortfolioAccess, grants: CaseGrants, audit: AuditTrail, clock: Clock) =>
        new PortfolioTransfers(pgPoolOf(ds), persons, policy, access, grants, audit, clock),
    },
    {
      provide: PortfolioReviews,
      inject: [DataSource, PersonAccess, PortfolioAccess, AuditTrail, Clock],
      useFactory: (ds: DataSource, persons: PersonAccess, access: PortfolioAccess, audit: AuditTrail, clock: Clock) => new PortfolioReviews(pgPoolOf(ds), persons, access, audit, clock),
    },
    {
      provide: PortfolioReminders,
      inject: [DataSource, AccessPolicy, AuditTrail, Clock],
      useFactory: (ds: DataSource, policy: AccessPolicy, audit: AuditTrail, clock: Clock) => new PortfolioReminders(pgPoolOf(ds), policy, audit, clock),
    },
  ],
  exports: [PortfolioCapacity, PortfolioAssignments, FirstAppointments, PortfolioQueries, PortfolioTransfers, PortfolioReviews, PortfolioReminders],
})
export class PortfolioModule {}
