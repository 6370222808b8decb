import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An exit from the path (sortie de parcours), qualified by its reason: one per orientation period. */
@Entity({ name: 'path_exit' })
@Index('ix_path_exit_person', ['personId', 'exitOn'])
@Index('uq_path_exit_period', ['orientationPeriodId'], { unique: true })
@Check('ck_path_exit_reason', "reason IN ('employment', 'durable-employment', 'training', 'business-creation', 'moved', 'right-closed', 'other')")
export class PathExitEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_path_exit' }) id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  /** The orientation period the exit closed. */
  @Column({ type: 'uuid', name: 'orientation_period_id' }) orientationPeriodId!: string;
  /** The contract it ended, if one was alive. */
  @Column({ type: 'uuid', name: 'contract_id', nullable: true }) contractId!: string | null;
  @Column({ type: 'varchar', length: 24 }) reason!: string;
  /** The day the path ends (the orientation period's end, exclusive). */
  @Column({ type: 'date', name: 'exit_on' }) exitOn!: string;
  @Column({ type: 'varchar', length: 16, name: 'contract_type', nullable: true }) contractType!: string | null;
  @Column({ type: 'varchar', length: 12, name: 'working_time', nullable: true }) workingTime!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
}
