import { createHash } from 'node:crypto';
import { defineJob, QUEUES } from '@rsa/platform';

/** A message of the outbox just written or found due, as the dispatcher batches it. */
export interface DueMessage {
  id: string;
  due_at: Date;
  channel: string;
}

export interface SendMessagesJob {
  /** Up to SEND_BATCH messages of the outbox, due. */
  messageIds: string[];
}

/**
 * Send a batch of the outbox's messages. The job id is made from the batch's messages and their due
 * times (`messages-<digest>`): the same batch queued twice is queued once, and a message due again
 * (a retry, a deferral, a claim taken back) goes in a new job. A job lost with Redis changes nothing:
 * the rows are the schedule, and the sweeper queues them again.
 */
export const SEND_MESSAGES_JOB = defineJob<SendMessagesJob>(QUEUES.notifications, 'notifications:send-messages');

export function sendMessagesJobId(messages: readonly { id: string; due_at: Date }[]): string {
  const digest = createHash('sha256');
  for (const m of messages) digest.update(`${m.id}@${new Date(m.due_at).getTime()};`);
  return `messages-${digest.digest('hex').slice(0, 32)}`;
}

/** The sweeper: hand due messages to the queue again (lost by Redis, retried, stuck in a dead worker). */
export const SWEEP_MESSAGES_JOB = defineJob(QUEUES.notifications, 'notifications:sweep');

/** Convene the new entrants and whoever is due again (invitations expired, no slot yet, relances). */
export const PLAN_CONVOCATIONS_JOB = defineJob(QUEUES.convocations, 'convocation:plan');

/** Release the stock reprise campaigns' next people, at each campaign's monthly pace. */
export const RELEASE_CAMPAIGNS_JOB = defineJob(QUEUES.convocations, 'convocation:release-campaigns');
