import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A dated orientation of one person: the dominante, the kind of structure and the structure that
 * accompanies them, their referent, from `starts_on` to `ends_on` (exclusive; open while null).
 * One person's periods never overlap and at most one is open; the history is the list of them.
 */
@Entity({ name: 'orientation_period' })
@Index('ix_orientation_period_person', ['personId', 'startsOn'])
@Index('uq_orientation_period_open', ['personId'], { unique: true, where: 'ends_on IS NULL' })
@Index('ix_orientation_period_referent', ['referentId'], { where: 'ends_on IS NULL' })
@Index('ix_orientation_period_territory', ['territoryId', 'dominante'], { where: 'ends_on IS NULL' })
@Check('ck_orientation_period_dates', 'ends_on IS NULL OR ends_on >= starts_on')
@Check('ck_orientation_period_dominante', "dominante IN ('emploi', 'equilibre', 'remobilisation')")
@Exclusion('ex_orientation_period_overlap', `USING gist ("person_id" WITH =, daterange("starts_on", "ends_on", '[)') WITH &&) WHERE (ends_on IS NULL OR ends_on > starts_on)`)
export class OrientationPeriodEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_orientation_period' }) id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  /** The RSA path (beneficiary_path) this orientation belongs to, when known. */
  @Column({ type: 'uuid', name: 'path_id', nullable: true }) pathId!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'territory_id' }) territoryId!: string;
  /** emploi | equilibre | remobilisation */
  @Column({ type: 'varchar', length: 16 }) dominante!: string;
  /** The kind of structure (maison-nord-emploi, france-travail-agency, partner-operator…). */
  @Column({ type: 'varchar', length: 24, name: 'structure_kind' }) structureKind!: string;
  /** The structure, once one is chosen (with the referent). */
  @Column({ type: 'uuid', name: 'structure_id', nullable: true }) structureId!: string | null;
  @Column({ type: 'uuid', name: 'referent_id', nullable: true }) referentId!: string | null;
  /** The orientation decision (or réorientation decision) that opened it. */
  @Column({ type: 'uuid', name: 'decision_id', nullable: true }) decisionId!: string | null;
  @Column({ type: 'date', name: 'starts_on' }) startsOn!: string;
  @Column({ type: 'date', name: 'ends_on', nullable: true }) endsOn!: string | null;
  /** reorientation | exit:<reason> | right-closed | correction */
  @Column({ type: 'varchar', length: 40, name: 'end_reason', nullable: true }) endReason!: string | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
