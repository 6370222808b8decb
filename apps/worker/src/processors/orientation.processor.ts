import { Injectable, Logger } from '@nestjs/common';
import { CONTRACT_REMINDERS_JOB, ContractReminders, contractRemindersActor } from '@rsa/orientation';
import { ProcessesJob, type JobProcessor } from '@rsa/platform';

/** Each morning: remind referents of contracts ending within 15 days and of bilans due (idempotent). */
@ProcessesJob(CONTRACT_REMINDERS_JOB)
@Injectable()
export class ContractRemindersProcessor implements JobProcessor {
  private readonly logger = new Logger(ContractRemindersProcessor.name);

  constructor(private readonly reminders: ContractReminders) {}

  async process() {
    const report = await this.reminders.run(contractRemindersActor());
    if (report.expiring + report.bilanDue > 0 || report.withoutReferent > 0) this.logger.log({ msg: 'contract reminders', ...report });
    return report;
  }
}
