import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One entry of the append-only audit trail (issue "Access control", DOMAIN.md §11): who (actor,
 * role, structure), when, what (action, target, the beneficiaries concerned), why (reason code),
 * outcome, and in `sensitive` the before/after diff and free-text comment, which hold personal data.
 *
 * Integrity: `seq`, `prev_hash` and `hash` are set by a database trigger under a lock, so the chain
 * is gapless and ordered whoever inserts; `hash` covers every column except `sensitive`, which is
 * covered by `sensitive_digest` so retention can anonymise it without breaking the chain. Triggers
 * refuse UPDATE (but that anonymisation), DELETE and TRUNCATE. See the AuditTrail migration.
 */
@Entity({ name: 'audit_event' })
@Index('ix_audit_event_target', ['targetType', 'targetId'])
@Index('ix_audit_event_actor', ['actorProfessionalId', 'at'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_event' }) seq!: string;
  @Index('ix_audit_event_at')
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
  /** user | system | anonymous (a request refused before anyone was identified). */
  @Column({ type: 'varchar', length: 9, name: 'actor_kind' }) actorKind!: string;
  /** The identity provider's subject, or the system actor's name. */
  @Column({ type: 'varchar', length: 255, name: 'actor_ref', nullable: true }) actorRef!: string | null;
  @Column({ type: 'uuid', name: 'actor_professional_id', nullable: true }) actorProfessionalId!: string | null;
  @Column({ type: 'uuid', name: 'actor_habilitation_id', nullable: true }) actorHabilitationId!: string | null;
  @Column({ type: 'varchar', length: 24, name: 'actor_role', nullable: true }) actorRole!: string | null;
  @Column({ type: 'uuid', name: 'actor_structure_id', nullable: true }) actorStructureId!: string | null;
  /** api | worker | cli */
  @Column({ type: 'varchar', length: 8 }) channel!: string;
  @Column({ type: 'varchar', length: 100, name: 'request_id', nullable: true }) requestId!: string | null;
  /** `beneficiary.read`, `beneficiary.nir.read`, `intake.import`, `access.habilitation.revoke`… */
  @Column({ type: 'varchar', length: 80 }) action!: string;
  /** What was acted upon: `person`, `intake-file`, `habilitation`… */
  @Column({ type: 'varchar', length: 32, name: 'target_type', nullable: true }) targetType!: string | null;
  @Column({ type: 'varchar', length: 100, name: 'target_id', nullable: true }) targetId!: string | null;
  /** Every beneficiary (person id) whose data the action read or changed: lists included. */
  @Index('ix_audit_event_subjects', { synchronize: false })
  @Column({ type: 'uuid', array: true, name: 'subject_ids', default: () => "'{}'" })
  subjectIds!: string[];
  /** allowed | denied | failed */
  @Column({ type: 'varchar', length: 8 }) outcome!: string;
  @Column({ type: 'varchar', length: 40, name: 'reason_code', nullable: true }) reasonCode!: string | null;
  /** Codes, counts, statuses and ids only: never a name, a NIR or an address. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail!: Record<string, unknown>;
  /** Before/after diff and free-text comment: personal data, anonymised by retention. */
  @Column({ type: 'jsonb', nullable: true }) sensitive!: Record<string, unknown> | null;
  @Column({ type: 'varchar', length: 64, name: 'sensitive_digest', nullable: true }) sensitiveDigest!: string | null;
  @Column({ type: 'timestamptz', name: 'anonymised_at', nullable: true }) anonymisedAt!: Date | null;
  @Column({ type: 'varchar', length: 64, name: 'prev_hash' }) prevHash!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
}
