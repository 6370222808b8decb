import { Module } from '@nestjs/common';
import { AccessModule, AccessPolicy, CaseGrants } from '@rsa/access';
import { BeneficiaryFilesModule, PersonAccess } from '@rsa/beneficiary';
import { Clock } from '@rsa/kernel';
import { AuditTrail, poolService } from '@rsa/platform';
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
    poolService(PortfolioAccess, AccessPolicy, Clock),
    poolService(PortfolioCapacity, AccessPolicy, PortfolioAccess, AuditTrail, Clock),
    poolService(PortfolioAssignments, PersonAccess, AccessPolicy, CaseGrants, AuditTrail, Clock),
    poolService(FirstAppointments, PersonAccess, AccessPolicy, AuditTrail, Clock),
    poolService(PortfolioQueries, AccessPolicy, PortfolioAccess, AuditTrail, Clock),
    poolService(PortfolioTransfers, PersonAccess, AccessPolicy, PortfolioAccess, CaseGrants, AuditTrail, Clock),
    poolService(PortfolioReviews, PersonAccess, PortfolioAccess, AuditTrail, Clock),
    poolService(PortfolioReminders, AccessPolicy, AuditTrail, Clock),
  ],
  exports: [PortfolioCapacity, PortfolioAssignments, FirstAppointments, PortfolioQueries, PortfolioTransfers, PortfolioReviews, PortfolioReminders],
})
export class PortfolioModule {}
