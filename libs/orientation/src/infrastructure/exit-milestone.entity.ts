import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PathExitEntity } from './exit-record.entity';

/** The follow-up in employment of an employment exit at 1, 3 and 6 months: still in employment or not. */
@Entity({ name: 'path_exit_milestone' })
@Check('ck_path_exit_milestone_milestone', "milestone IN ('1-month', '3-months', '6-months')")
export class PathExitMilestoneEntity {
  @PrimaryColumn({ type: 'uuid', name: 'exit_id', primaryKeyConstraintName: 'pk_path_exit_milestone' }) exitId!: string;
  @PrimaryColumn({ type: 'varchar', length: 12, primaryKeyConstraintName: 'pk_path_exit_milestone' }) milestone!: string;
  @Column({ type: 'date', name: 'due_on' }) dueOn!: string;
  @Column({ type: 'boolean', name: 'in_employment' }) inEmployment!: boolean;
  @Column({ type: 'varchar', length: 16, name: 'contract_type', nullable: true }) contractType!: string | null;
  @Column({ type: 'varchar', length: 12, name: 'working_time', nullable: true }) workingTime!: string | null;
  @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'recorded_by' }) recordedBy!: string;

  @ManyToOne(() => PathExitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exit_id', foreignKeyConstraintName: 'fk_path_exit_milestone_exit' })
  exit?: PathExitEntity;
}
