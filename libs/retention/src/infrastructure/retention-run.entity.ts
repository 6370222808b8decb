import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One run of the retention job: what it found past its period, and what it did (dry run or apply). */
@Entity({ name: 'retention_run' })
export class RetentionRunEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_retention_run' }) id!: string;
  /** dry-run | apply */
  @Column({ type: 'varchar', length: 8 }) mode!: string;
  @Index('ix_retention_run_started')
  @Column({ type: 'timestamptz', name: 'started_at' })
  startedAt!: Date;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'varchar', length: 200 }) actor!: string;
  /** Per category: cutoff, rows found, rows changed. Counts only. */
  @Column({ type: 'jsonb', nullable: true }) report!: Record<string, unknown> | null;
}
