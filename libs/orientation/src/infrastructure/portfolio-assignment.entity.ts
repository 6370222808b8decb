import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One stretch of a person's orientation period with one referent: who assigned them, when, from
 * whom, why, whether over capacity (with its reason). A permanent transfer ends it (`to_day`) and
 * starts the next. The load trend is derived from these rows and the periods (not from a cron);
 * who is in a portfolio now is the open period's `referent_id`.
 */
@Entity({ name: 'portfolio_assignment' })
@Index('ix_portfolio_assignment_person', ['personId', 'assignedAt'])
@Index('ix_portfolio_assignment_referent', ['referentId', 'fromDay'])
@Index('uq_portfolio_assignment_current', ['periodId'], { unique: true, where: 'to_day IS NULL' })
@Check('ck_portfolio_assignment_kind', "kind IN ('assignment', 'transfer')")
@Check('ck_portfolio_assignment_dominante', "dominante IN ('emploi', 'equilibre', 'remobilisation')")
@Check('ck_portfolio_assignment_days', 'to_day IS NULL OR to_day >= from_day')
@Check('ck_portfolio_assignment_over_capacity', 'over_capacity = (over_capacity_reason IS NOT NULL)')
export class PortfolioAssignmentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_portfolio_assignment' }) id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  /** orientation_period.id */
  @Column({ type: 'uuid', name: 'period_id' }) periodId!: string;
  @Column({ type: 'varchar', length: 40, name: 'territory_id' }) territoryId!: string;
  @Column({ type: 'varchar', length: 16 }) dominante!: string;
  @Column({ type: 'uuid', name: 'referent_id' }) referentId!: string;
  @Column({ type: 'uuid', name: 'structure_id' }) structureId!: string;
  @Column({ type: 'uuid', name: 'previous_referent_id', nullable: true }) previousReferentId!: string | null;
  /** Whom the suggestion proposed at the time (null for a transfer). */
  @Column({ type: 'uuid', name: 'suggested_referent_id', nullable: true }) suggestedReferentId!: string | null;
  /** assignment | transfer */
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  /** orientation (a first assignment) or the transfer's reason code. */
  @Column({ type: 'varchar', length: 40, name: 'reason_code' }) reasonCode!: string;
  @Column({ type: 'boolean', name: 'over_capacity', default: false }) overCapacity!: boolean;
  @Column({ type: 'varchar', length: 40, name: 'over_capacity_reason', nullable: true }) overCapacityReason!: string | null;
  @Column({ type: 'uuid', name: 'transfer_id', nullable: true }) transferId!: string | null;
  /** The case grant that gives the referent the file (access_case_grant.id). */
  @Column({ type: 'uuid', name: 'grant_id', nullable: true }) grantId!: string | null;
  /** Paris days: in the portfolio from `from_day`, until `to_day` (exclusive; null while current). */
  @Column({ type: 'date', name: 'from_day' }) fromDay!: string;
  @Column({ type: 'date', name: 'to_day', nullable: true }) toDay!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'end_reason', nullable: true }) endReason!: string | null;
  @Column({ type: 'timestamptz', name: 'assigned_at' }) assignedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'assigned_by' }) assignedBy!: string;
}
