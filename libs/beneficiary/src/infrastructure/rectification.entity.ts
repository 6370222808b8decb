import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A data subject's request to rectify data the CAF sent (a name, a birth date…). The CAF is the
 * source: a local edit would be overwritten by its next file, so the request is recorded, forwarded
 * to the CAF, and closed when a file carries the correction (or refused).
 */
@Entity({ name: 'beneficiary_rectification' })
@Index('ix_beneficiary_rectification_status', ['status', 'requestedAt'])
export class RectificationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_beneficiary_rectification' }) id!: string;
  @Index('ix_beneficiary_rectification_person')
  @Column({ type: 'uuid', name: 'person_id' })
  personId!: string;
  /** The CAF field: nom, nomnai, prenom, dtnai, sexe, nir… */
  @Column({ type: 'varchar', length: 32 }) field!: string;
  /** What the person says is right: personal data, anonymised with the person. Null for a NIR, kept sealed below. */
  @Column({ type: 'varchar', length: 200, name: 'requested_value', nullable: true }) requestedValue!: string | null;
  /** A requested NIR, sealed like every NIR at rest (NirVault; re-sealed by `nir:rotate`). */
  @Column({ type: 'bytea', name: 'requested_nir_encrypted', nullable: true }) requestedNirEncrypted!: Buffer | null;
  @Column({ type: 'varchar', length: 40, name: 'reason_code' }) reasonCode!: string;
  /** to-forward | forwarded | done | refused */
  @Column({ type: 'varchar', length: 12, default: 'to-forward' }) status!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'requested_at' }) requestedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'requested_by' }) requestedBy!: string;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt!: Date | null;
}
