import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ScheduledRunOutcome = 'running' | 'succeeded' | 'failed';

/**
 * One attempt of one scheduled job (a line of apps/worker/src/schedules.ts), written by the worker
 * around the processor. It is the evidence that a nightly run happened, and the input of the
 * "expected run did not happen" warning of /health/ready.
 */
@Entity({ name: 'scheduled_run' })
@Index('ix_scheduled_run_schedule_expected', ['scheduleName', 'expectedAt'])
export class ScheduledRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_scheduled_run' })
  id!: string;

  /** The schedule's name, also its BullMQ job-scheduler id. */
  @Column({ name: 'schedule_name', type: 'varchar', length: 200 })
  scheduleName!: string;

  /** The cron occurrence this run answers to. */
  @Column({ name: 'expected_at', type: 'timestamptz' })
  expectedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'varchar', length: 20 })
  outcome!: ScheduledRunOutcome;

  /** Job id, attempt, error message or the processor's summary. No personal data. */
  @Column({ type: 'jsonb', nullable: true })
  detail!: Record<string, unknown> | null;
}
