import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first accompaniment appointment with the referent, due within 5 working days of the
 * diagnostic (`deadline`, French public holidays excluded), and its outcome.
 */
@Entity({ name: 'portfolio_first_appointment' })
@Index('ix_portfolio_first_appointment_person', ['personId'])
@Index('ix_portfolio_first_appointment_referent', ['referentId', 'status'])
@Index('uq_portfolio_first_appointment_active', ['periodId'], { unique: true, where: "status IN ('planned', 'honoured')" })
@Check('ck_portfolio_first_appointment_status', "status IN ('planned', 'honoured', 'missed', 'cancelled')")
@Check('ck_portfolio_first_appointment_source', "diagnostic_source IN ('decision', 'period-start')")
export class PortfolioFirstAppointmentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_portfolio_first_appointment' }) id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'uuid', name: 'period_id' }) periodId!: string;
  @Column({ type: 'uuid', name: 'referent_id' }) referentId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  /** The day the 5 working days count from. */
  @Column({ type: 'date', name: 'diagnostic_on' }) diagnosticOn!: string;
  /** decision (orientation_decision.diagnostic_on) | period-start (the period's first day) */
  @Column({ type: 'varchar', length: 16, name: 'diagnostic_source' }) diagnosticSource!: string;
  @Column({ type: 'date' }) deadline!: string;
  /** Scheduled after the deadline (the deadline had already passed), with its reason. */
  @Column({ type: 'boolean', default: false }) late!: boolean;
  @Column({ type: 'varchar', length: 40, name: 'late_reason', nullable: true }) lateReason!: string | null;
  /** planned | honoured | missed | cancelled */
  @Column({ type: 'varchar', length: 12, default: 'planned' }) status!: string;
  @Column({ type: 'timestamptz', name: 'outcome_at', nullable: true }) outcomeAt!: Date | null;
  @Column({ type: 'varchar', length: 200, name: 'outcome_by', nullable: true }) outcomeBy!: string | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
}
