import { Injectable, Logger } from '@nestjs/common';
import { workerActor } from '@rsa/access';
import { AppConfig, ProcessesJob, type JobProcessor } from '@rsa/platform';
import { Retention, RETENTION_RUN_JOB, type RetentionRunReport } from '@rsa/retention';

/** The nightly retention run: a dry run with its report unless RETENTION_MODE=apply. */
@ProcessesJob(RETENTION_RUN_JOB)
@Injectable()
export class RetentionRunProcessor implements JobProcessor {
  private readonly logger = new Logger(RetentionRunProcessor.name);

  constructor(
    private readonly retention: Retention,
    private readonly config: AppConfig,
  ) {}

  async process(): Promise<RetentionRunReport> {
    const report = await this.retention.run(workerActor('retention'), { apply: this.config.retention.mode === 'apply' });
    this.logger.log({ msg: 'retention run', mode: report.mode, categories: report.categories });
    return report;
  }
}
