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
  SEND_MESSAGE_JOB,
  SWEEP_MESSAGES_JOB,
  type SendMessageJob,
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

/** One message: claim, send, record. The result is the outcome only. */
@ProcessesJob(SEND_MESSAGE_JOB)
@Injectable()
export class SendMessageProcessor implements JobProcessor<SendMessageJob> {
  constructor(private readonly sender: MessageSender) {}

  async process(job: Job<SendMessageJob>) {
    return { outcome: await this.sender.send(workerActor('convocation'), job.data.messageId) };
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
