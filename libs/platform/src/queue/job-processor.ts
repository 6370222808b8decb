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
}
