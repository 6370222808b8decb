/**
 * One queue per concern, so a backlog of one (a 300 000-household import) never delays another
 * (tomorrow's SMS reminders), and each gets its own concurrency.
 */
export const QUEUES = {
  intake: 'intake',
  convocations: 'convocations',
  notifications: 'notifications',
  franceTravail: 'france-travail',
  reporting: 'reporting',
  maintenance: 'maintenance',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUES);

/**
 * Jobs run at once per queue in one worker process. Imports are heavy and must not interleave on
 * the same files; notifications are I/O bound.
 */
export const QUEUE_CONCURRENCY: Readonly<Record<QueueName, number>> = {
  intake: 1,
  // One planner at a time: it books slots for a batch of people in memory before writing them.
  convocations: 1,
  notifications: 8,
  'france-travail': 2,
  reporting: 1,
  maintenance: 1,
};
