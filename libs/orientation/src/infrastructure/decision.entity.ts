import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An orientation decision (the first one, or a réorientation): what the professionals chose, the
 * proposal as it was when they decided (so it stays explainable when rules change), whether they
 * overrode it and why, the person's agreement, and the period it opened.
 */
@Entity({ name: 'orientation_decision' })
@Index('ix_orientation_decision_person', ['personId', 'decidedAt'])
@Check('ck_orientation_decision_kind', "kind IN ('orientation', 'reorientation')")
@Check('ck_orientation_decision_dominante', "dominante IN ('emploi', 'equilibre', 'remobilisation') AND proposed_dominante IN ('emploi', 'equilibre', 'remobilisation')")
@Check('ck_orientation_decision_override', 'NOT override OR override_reason IS NOT NULL')
@Check('ck_orientation_decision_deciders', 'cardinality(deciders) BETWEEN 1 AND 2')
@Check('ck_orientation_decision_ep_opinion', "ep_opinion IS NULL OR ep_opinion IN ('favourable', 'unfavourable')")
@Check('ck_orientation_decision_agreement', "agreement IN ('agreed', 'disagreed', 'not-expressed') AND (agreement = 'not-expressed' OR agreement_on IS NOT NULL)")
export class OrientationDecisionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_orientation_decision' }) id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'uuid', name: 'path_id', nullable: true }) pathId!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'territory_id' }) territoryId!: string;
  /** orientation | reorientation */
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  @Column({ type: 'varchar', length: 16 }) dominante!: string;
  @Column({ type: 'varchar', length: 24, name: 'structure_kind' }) structureKind!: string;
  @Column({ type: 'uuid', name: 'diagnostic_id' }) diagnosticId!: string;
  @Column({ type: 'integer', name: 'diagnostic_version' }) diagnosticVersion!: number;
  /** The day of the diagnostic version decided on: the first accompaniment appointment is due within 5 working days of it. */
  @Column({ type: 'date', name: 'diagnostic_on' }) diagnosticOn!: string;
  /** The proposal (rule set id and version, rule, because/notBecause, score, profile) as it was. */
  @Column({ type: 'jsonb' }) proposal!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 16, name: 'proposed_dominante' }) proposedDominante!: string;
  @Column({ type: 'boolean' }) override!: boolean;
  @Column({ type: 'varchar', length: 40, name: 'override_reason', nullable: true }) overrideReason!: string | null;
  /** The professionals who decided (1 or 2). */
  @Column({ type: 'uuid', array: true }) deciders!: string[];
  /** agreed | disagreed | not-expressed */
  @Column({ type: 'varchar', length: 16 }) agreement!: string;
  @Column({ type: 'date', name: 'agreement_on', nullable: true }) agreementOn!: string | null;
  /** The réorientation request it accepted (null for a first orientation or a direct réorientation). */
  @Column({ type: 'uuid', name: 'reorientation_request_id', nullable: true }) reorientationRequestId!: string | null;
  /** A réorientation's reason code. */
  @Column({ type: 'varchar', length: 40, name: 'reason_code', nullable: true }) reasonCode!: string | null;
  /** The équipe pluridisciplinaire's meeting and opinion, when the réorientation went through it. */
  @Column({ type: 'date', name: 'ep_on', nullable: true }) epOn!: string | null;
  @Column({ type: 'varchar', length: 16, name: 'ep_opinion', nullable: true }) epOpinion!: string | null;
  @Column({ type: 'date', name: 'starts_on' }) startsOn!: string;
  @Column({ type: 'uuid', name: 'period_id' }) periodId!: string;
  @Column({ type: 'timestamptz', name: 'decided_at' }) decidedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'decided_by' }) decidedBy!: string;
}
