import { Injectable, Logger } from '@nestjs/common';
import { ORIENTATION_REMINDERS_JOB, OrientationReminders, orientationRemindersActor } from '@rsa/orientation';
import { ProcessesJob, type JobProcessor } from '@rsa/platform';

/**
 * Each morning: remind referents of contracts ending within 15 days and of bilans due, and
 * referents and coordinators of first appointments past their deadline and of portfolio reviews
 * due (idempotent).
 */
@ProcessesJob(ORIENTATION_REMINDERS_JOB)
@Injectable()
export class OrientationRemindersProcessor implements JobProcessor {
  private readonly logger = new Logger(OrientationRemindersProcessor.name);

  constructor(private readonly reminders: OrientationReminders) {}

  async process() {
    const report = await this.reminders.run(orientationRemindersActor());
    const { contracts, portfolios } = report;
    if (contracts.expiring + contracts.bilanDue + portfolios.written > 0 || contracts.withoutReferent > 0) this.logger.log({ msg: 'orientation reminders', ...report });
    return report;
  }
}
