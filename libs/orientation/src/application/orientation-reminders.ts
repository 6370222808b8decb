import { Permission, systemActor, type Actor, type SystemActor } from '@rsa/kernel';
import { defineJob, QUEUES } from '@rsa/platform';
import type { ContractReminders, ReminderReport } from './contract-reminders';
import type { PortfolioReminderReport, PortfolioReminders } from './portfolio-reminders';

/** The daily reminders of the orientation context: contracts and bilans, first appointments and portfolio reviews. */
export const ORIENTATION_REMINDERS_JOB = defineJob(QUEUES.notifications, 'orientation:reminders');

/** What the worker acts as for the reminders: it reads contracts and portfolios to remind the professionals, nothing else. */
export function orientationRemindersActor(): SystemActor {
  return systemActor('worker:orientation-reminders', 'worker', [Permission.ContractRead, Permission.PortfolioRead]);
}

export interface OrientationReminderReport {
  day: string;
  contracts: ReminderReport;
  portfolios: PortfolioReminderReport;
}

/**
 * One run of the daily reminders: the contract part's (ContractReminders: contracts ending within
 * 15 days, bilans due) then the portfolio part's (PortfolioReminders: first appointments past their
 * deadline, portfolio reviews due). Each is idempotent on its own (dedupe keys), so a retried job
 * writes nothing twice.
 */
export class OrientationReminders {
  constructor(
    private readonly contracts: ContractReminders,
    private readonly portfolios: PortfolioReminders,
  ) {}

  async run(actor: Actor = orientationRemindersActor()): Promise<OrientationReminderReport> {
    const contracts = await this.contracts.run(actor);
    const portfolios = await this.portfolios.run(actor);
    return { day: contracts.day, contracts, portfolios };
  }
}
