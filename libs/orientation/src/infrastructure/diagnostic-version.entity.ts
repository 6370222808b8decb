import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One version of a diagnostic: never changed once written (a trigger refuses updates). */
@Entity({ name: 'orientation_diagnostic_version' })
@Index('ix_orientation_diagnostic_version_person', ['personId'])
@Check('ck_orientation_diagnostic_version_authors', 'cardinality(authors) BETWEEN 1 AND 2')
@Check('ck_orientation_diagnostic_version_score', 'score BETWEEN 0 AND 100')
@Check('ck_orientation_diagnostic_version_profile', "profile IN ('close-to-work', 'intermediate', 'far-from-work')")
export class OrientationDiagnosticVersionEntity {
  @PrimaryColumn({ type: 'uuid', name: 'diagnostic_id', primaryKeyConstraintName: 'pk_orientation_diagnostic_version' }) diagnosticId!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_orientation_diagnostic_version' }) version!: number;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  /** The day of the diagnostic interview (Paris). */
  @Column({ type: 'date', name: 'diagnosed_on' }) diagnosedOn!: string;
  /** The professionals who made it (access_professional ids): the binôme of a co-diagnostic, or the referent. */
  @Column({ type: 'uuid', array: true }) authors!: string[];
  /** DiagnosticContent: codes and checkboxes only; health as a level and codes. */
  @Column({ type: 'jsonb' }) content!: Record<string, unknown>;
  /** Age on the day of the diagnostic (the référentiel's age criterion). */
  @Column({ type: 'integer' }) age!: number;
  @Column({ type: 'integer' }) score!: number;
  @Column({ type: 'varchar', length: 16 }) profile!: string;
  @Column({ type: 'jsonb', name: 'score_addends' }) scoreAddends!: { factor: string; points: number }[];
  @Column({ type: 'integer', name: 'scoring_version' }) scoringVersion!: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
}
