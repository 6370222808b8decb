import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The raw XML of the households a file changed, gzip-compressed a batch at a time (one compression
 * call per thousand blocks instead of one per block), then sealed by the NirVault (it holds NIRs,
 * names and addresses; rows written before sealing are plain gzip), with each block's SHA-256 and
 * offsets in `entries` so a single dossier's block can be found and replayed.
 */
@Entity({ name: 'intake_raw_batch' })
export class IntakeRawBatchEntity {
  @PrimaryColumn({ type: 'uuid', name: 'file_id' }) fileId!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'bytea' }) gz!: Buffer;
  /** [{ numdemrsa, ordinal, sha256, start, end }] with offsets into the decompressed UTF-8 text. */
  @Column({ type: 'jsonb' }) entries!: object;
}
