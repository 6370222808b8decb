import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A person's 360° diagnostic; its content lives in its versions (see the migration OrientationDecisions). */
@Entity({ name: 'orientation_diagnostic' })
@Index('ix_orientation_diagnostic_person', ['personId', 'createdAt'])
@Check('ck_orientation_diagnostic_modality', "modality IN ('co-diagnostic', 'referent')")
export class OrientationDiagnosticEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_orientation_diagnostic' }) id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  /** The open RSA path (beneficiary_path) when the diagnostic was opened, if any. */
  @Column({ type: 'uuid', name: 'path_id', nullable: true }) pathId!: string | null;
  /** co-diagnostic | referent */
  @Column({ type: 'varchar', length: 16 }) modality!: string;
  /** The modality advised from the path (modalityFor) and what it was derived from. */
  @Column({ type: 'jsonb' }) advice!: Record<string, unknown>;
  @Column({ type: 'integer', name: 'latest_version', default: 1 }) latestVersion!: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
