import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A réorientation request and its decision (through the EP when needed); one pending per person. */
@Entity({ name: 'orientation_reorientation_request' })
@Index('ix_orientation_reorientation_request_person', ['personId', 'requestedAt'])
@Index('ix_orientation_reorientation_request_territory', ['territoryId', 'requestedAt'], { where: "status = 'pending'" })
@Index('uq_orientation_reorientation_request_pending', ['personId'], { unique: true, where: "status = 'pending'" })
@Check('ck_orientation_reorientation_request_status', "status IN ('pending', 'accepted', 'refused', 'closed-by-direct-reorientation', 'closed-by-exit')")
@Check('ck_orientation_reorientation_request_decided', "(status = 'pending') = (decided_at IS NULL)")
@Check('ck_orientation_reorientation_request_ep', "NOT ep_required OR status NOT IN ('accepted', 'refused') OR (ep_on IS NOT NULL AND ep_opinion IS NOT NULL)")
@Check('ck_orientation_reorientation_request_opinion', "ep_opinion IS NULL OR ep_opinion IN ('favourable', 'unfavourable')")
export class OrientationReorientationRequestEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_orientation_reorientation_request' }) id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'varchar', length: 40, name: 'territory_id' }) territoryId!: string;
  /** The open period when it was asked. */
  @Column({ type: 'uuid', name: 'period_id' }) periodId!: string;
  @Column({ type: 'varchar', length: 16, name: 'from_dominante' }) fromDominante!: string;
  @Column({ type: 'varchar', length: 16, name: 'proposed_dominante' }) proposedDominante!: string;
  @Column({ type: 'varchar', length: 24, name: 'proposed_structure_kind' }) proposedStructureKind!: string;
  @Column({ type: 'varchar', length: 40, name: 'reason_code' }) reasonCode!: string;
  @Column({ type: 'uuid', name: 'diagnostic_id' }) diagnosticId!: string;
  @Column({ type: 'integer', name: 'diagnostic_version' }) diagnosticVersion!: number;
  /** The équipe pluridisciplinaire must give its opinion before the decision. */
  @Column({ type: 'boolean', name: 'ep_required' }) epRequired!: boolean;
  @Column({ type: 'jsonb', name: 'ep_reasons' }) epReasons!: string[];
  @Column({ type: 'varchar', length: 32, default: 'pending' }) status!: string;
  @Column({ type: 'timestamptz', name: 'requested_at' }) requestedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'requested_by' }) requestedBy!: string;
  /** The professional who asked (access_professional.id), when a person asked. */
  @Column({ type: 'uuid', name: 'requester_id', nullable: true }) requesterId!: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'varchar', length: 200, name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'decision_reason', nullable: true }) decisionReason!: string | null;
  @Column({ type: 'date', name: 'ep_on', nullable: true }) epOn!: string | null;
  /** favourable | unfavourable */
  @Column({ type: 'varchar', length: 16, name: 'ep_opinion', nullable: true }) epOpinion!: string | null;
  /** The orientation decision an accepted request made. */
  @Column({ type: 'uuid', name: 'decision_id', nullable: true }) decisionId!: string | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
}
