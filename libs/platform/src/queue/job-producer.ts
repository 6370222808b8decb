import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Job, JobsOptions, Queue } from 'bullmq';
import { JobDefinition } from './job-definition';
import { QueueName } from './queue-names';

/**
 * Enqueues a defined job on its queue, typed by its payload. Give obligations a deterministic
 * `jobId` so that re-enqueueing (the sweeper) never duplicates. BullMQ refuses ids that are
 * integers, and ids containing ':' unless they have exactly three parts: `convocation:<id>:sms-j-2`
 * is accepted, `intake-file:<id>` is not (write `intake-file-<id>`).
 */
@Injectable()
export class JobProducer {
  constructor(private readonly moduleRef: ModuleRef) {}

  enqueue<P>(job: JobDefinition<P>, payload: P, options?: JobsOptions): Promise<Job<P>> {
    return this.queue(job.queue).add(job.name, payload, options) as Promise<Job<P>>;
  }

  /**
   * Enqueues an obligation under its deterministic id again: a job of that id still waiting or
   * running stays as it is (no double work), one that is over (its attempts spent, or completed) is
   * replaced, since BullMQ would otherwise keep refusing the id while it keeps that job.
   */
  async requeue<P>(job: JobDefinition<P>, payload: P, jobId: string, options?: Omit<JobsOptions, 'jobId'>): Promise<Job<P>> {
    const previous = await this.queue(job.queue).getJob(jobId);
    if (previous && ['failed', 'completed'].includes(await previous.getState())) await previous.remove();
    return this.enqueue(job, payload, { ...options, jobId });
  }

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
