import { Injectable, Logger } from '@nestjs/common';
import { workerActor } from '@rsa/access';
import {
  Campaigns,
  ConvocationPlanner,
  MessageDispatcher,
  MessageSender,
  PLAN_CONVOCATIONS_JOB,
  RELEASE_CAMPAIGNS_JOB,
  SEND_DUE_MESSAGES_JOB,
  SWEEP_MESSAGES_JOB,
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
    await this.dispatcher.wake(dueNow.length);
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

/** Due messages, batch after batch: claim, send, record. The result is the count by outcome; a follow-up is queued when the budget ran out first. */
@ProcessesJob(SEND_DUE_MESSAGES_JOB)
@Injectable()
export class SendMessageProcessor implements JobProcessor {
  constructor(
    private readonly sender: MessageSender,
    private readonly dispatcher: MessageDispatcher,
  ) {}

  async process() {
    const report = await this.sender.sendDue(workerActor('convocation'));
    if (report.more) await this.dispatcher.wake(1);
    return report;
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
