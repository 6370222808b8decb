import { defineJob, QUEUES } from '@rsa/platform';

/**
 * Send what the outbox holds due, batch after batch. The job carries nothing: the rows are the
 * schedule and the claim keeps two senders apart, so a job queued twice, or lost, changes nothing
 * (the sweeper queues more). Several run side by side to share a backlog.
 */
export const SEND_DUE_MESSAGES_JOB = defineJob(QUEUES.notifications, 'notifications:send-due');

/** The sweeper: hand due messages to the queue again (lost by Redis, retried, stuck in a dead worker). */
export const SWEEP_MESSAGES_JOB = defineJob(QUEUES.notifications, 'notifications:sweep');

/** Convene the new entrants and whoever is due again (invitations expired, no slot yet, relances). */
export const PLAN_CONVOCATIONS_JOB = defineJob(QUEUES.convocations, 'convocation:plan');

/** Release the stock reprise campaigns' next people, at each campaign's monthly pace. */
export const RELEASE_CAMPAIGNS_JOB = defineJob(QUEUES.convocations, 'convocation:release-campaigns');
