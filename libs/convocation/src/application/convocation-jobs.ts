import { defineJob, QUEUES } from '@rsa/platform';

export interface SendMessageJob {
  messageId: string;
}

/**
 * Send one message of the outbox. Job id `message-<id>-<due time>`: queued once for each time it is
 * due (a retry or a deferral moves the due time, so it is queued again; a second sweep does not).
 */
export const SEND_MESSAGE_JOB = defineJob<SendMessageJob>(QUEUES.notifications, 'notifications:send-message');

/** The sweeper: hand due messages to the queue again (lost by Redis, retried, stuck in a dead worker). */
export const SWEEP_MESSAGES_JOB = defineJob(QUEUES.notifications, 'notifications:sweep');

/** Convene the new entrants and whoever is due again (invitations expired, no slot yet, relances). */
export const PLAN_CONVOCATIONS_JOB = defineJob(QUEUES.convocations, 'convocation:plan');

/** Release the stock reprise campaigns' next people, at each campaign's monthly pace. */
export const RELEASE_CAMPAIGNS_JOB = defineJob(QUEUES.convocations, 'convocation:release-campaigns');

export const sendMessageJobId = (messageId: string, dueAt: Date): string => `message-${messageId}-${dueAt.getTime()}`;
