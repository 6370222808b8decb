import { SetMetadata } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobDefinition } from './job-definition';

export const JOB_PROCESSOR_METADATA = 'rsa:job-processor';

/**
 * Marks a worker provider as THE processor of a job kind. The worker discovers these at boot,
 * checks there is exactly one per defined job, and routes each job to it by name. Keep processors
 * thin: hand the payload to a command.
 *
 *   @ProcessesJob(IMPORT_FILE_JOB)
 *   @Injectable()
 *   export class ImportFileProcessor implements JobProcessor<ImportFileJob> { async process(job) {...} }
 */
export const ProcessesJob = <P>(job: JobDefinition<P>): ClassDecorator => SetMetadata(JOB_PROCESSOR_METADATA, job);

export interface JobProcessor<P = unknown, R = unknown> {
  /**
   * Throwing retries the job (5 attempts, exponential backoff) unless it is a DomainError or a
   * BullMQ UnrecoverableError: a business refusal will not change on retry.
   */
  process(job: Job<P>): Promise<R>;
  /**
   * Called when BullMQ fails the job, whether `process` threw or never got to finish: a worker that
   * stopped (killed, out of memory) under it more often than BullMQ allows ("job stalled more than
   * allowable limit") fails it without calling `process` again. What the job promised elsewhere
   * (a registry row saying `processing`) must then say so.
   */
  onFailed?(job: Job<P>, error: Error): Promise<void>;
}
