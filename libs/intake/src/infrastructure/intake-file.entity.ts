import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The file registry: one row per distinct file (SHA-256 of its bytes). The header tuple classifies
 * and orders files; the report is what the operator reads.
 */
@Entity({ name: 'intake_file' })
@Index(['fluxAt'])
export class IntakeFileEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'varchar', length: 255, name: 'original_name' }) originalName!: string;
  @Column({ type: 'bigint', name: 'size_bytes' }) sizeBytes!: string;
  /** Where the bytes are kept (for replay): a path under the intake storage folder. */
  @Column({ type: 'varchar', length: 500, name: 'storage_path', nullable: true }) storagePath!: string | null;
  /** cli | api | drop */
  @Column({ type: 'varchar', length: 8 }) channel!: string;
  /** received | processing | imported | rejected */
  @Index() @Column({ type: 'varchar', length: 12 }) status!: string;
  /** daily | monthly | reprise, from TYPEFLUX (never from the name). */
  @Column({ type: 'varchar', length: 8, nullable: true }) kind!: string | null;
  @Column({ type: 'jsonb', nullable: true }) header!: object | null;
  @Column({ type: 'timestamptz', name: 'flux_at', nullable: true }) fluxAt!: Date | null;
  @Column({ type: 'varchar', length: 24, name: 'error_code', nullable: true }) errorCode!: string | null;
  @Column({ type: 'text', name: 'error_message', nullable: true }) errorMessage!: string | null;
  @Column({ type: 'jsonb', nullable: true }) report!: object | null;
  @Column({ type: 'timestamptz', name: 'received_at' }) receivedAt!: Date;
  @Column({ type: 'timestamptz', name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  /** Set by the retention job when the stored bytes, raw blocks and rejects' XML were deleted. */
  @Column({ type: 'timestamptz', name: 'raw_purged_at', nullable: true }) rawPurgedAt!: Date | null;
}
