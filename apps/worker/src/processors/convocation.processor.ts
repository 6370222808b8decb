import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { workerActor } from '@rsa/access';
import {
  Campaigns,
  ConvocationPlanner,
  MessageDispatcher,
  MessageSender,
  PLAN_CONVOCATIONS_JOB,
  RELEASE_CAMPAIGNS_JOB,
  SEND_MESSAGES_JOB,
  SWEEP_MESSAGES_JOB,
  type SendMessagesJob,
} from '@rsa/convocation';
import { ProcessesJob, type JobProcessor } from '@rsa/platform';

/** Convene whoever is due (new entrants, expired invitations, no slot yet, relances); queue their first messages at once. */
@ProcessesJob(PLAN_CONVOCATIONS_JOB)
@Injectable()
export class PlanConvocationsProcessor implements JobProcessor {
  private readonly logger = new Logger(PlanConvocationsProcessor.name);

  constructor(
    private readonly planner: ConvocationPlanner,
    private readonly dispatcher: MessageDispatcher,
  ) {}

  async process() {
    const { dueNow, ...report } = await this.planner.run(workerActor('convocation'));
    await this.dispatcher.enqueue(dueNow);
    if (report.considered > 0) this.logger.log({ msg: 'convocations planned', ...report });
    return report;
  }
}

/** The outbox sweeper: due messages to the queue, stale claims back to pending. */
@ProcessesJob(SWEEP_MESSAGES_JOB)
@Injectable()
export class SweepMessagesProcessor implements JobProcessor {
  constructor(private readonly dispatcher: MessageDispatcher) {}

  process() {
    return this.dispatcher.sweep(workerActor('convocation'));
  }
}

/** A batch of messages: claim, send, record. The result is the count by outcome. */
@ProcessesJob(SEND_MESSAGES_JOB)
@Injectable()
export class SendMessageProcessor implements JobProcessor<SendMessagesJob> {
  constructor(private readonly sender: MessageSender) {}

  process(job: Job<SendMessagesJob>) {
    return this.sender.sendBatch(workerActor('convocation'), job.data.messageIds);
  }
}

/** Release the reprise campaigns' next people at their pace. */
@ProcessesJob(RELEASE_CAMPAIGNS_JOB)
@Injectable()
export class ReleaseCampaignsProcessor implements JobProcessor {
  constructor(private readonly campaigns: Campaigns) {}

  process() {
    return this.campaigns.release(workerActor('convocation'));
  }
}
