import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Something an operator must review: identity conflicts, unknown codes, a file with the header of a
 * file already imported but other bytes. Stored and flagged, never fatal; recorded once (a later file
 * that raises the same one again adds nothing, unless it was reviewed as corrected).
 */
@Entity({ name: 'intake_anomaly' })
// Anomalies about a household alone, looked up before a file's anomalies are stored (recorded once).
@Index('ix_intake_anomaly_household', ['numdemrsa'], { where: 'person_id IS NULL' })
export class IntakeAnomalyEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Index() @Column({ type: 'uuid', name: 'file_id' }) fileId!: string;
  @Index() @Column({ type: 'varchar', length: 32 }) kind!: string;
  /** Null when the anomaly concerns the whole file. */
  @Column({ type: 'varchar', length: 11, nullable: true }) numdemrsa!: string | null;
  @Index() @Column({ type: 'uuid', name: 'person_id', nullable: true }) personId!: string | null;
  @Column({ type: 'uuid', name: 'other_person_id', nullable: true }) otherPersonId!: string | null;
  @Column({ type: 'jsonb' }) detail!: object;
  /** open | resolved */
  @Index() @Column({ type: 'varchar', length: 8, default: 'open' }) status!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  /** The review: when, by whom (`professional:<id>`), and what was found, as a code (ANOMALY_RESOLUTIONS). */
  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'varchar', length: 200, name: 'resolved_by', nullable: true }) resolvedBy!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) resolution!: string | null;
}
