import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A household the file carried but that could not be read: kept whole to be replayed or sent back. */
@Entity({ name: 'intake_reject' })
export class IntakeRejectEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Index() @Column({ type: 'uuid', name: 'file_id' }) fileId!: string;
  /** Position of the InfosFoyerRSA block in the file (1-based). */
  @Column({ type: 'integer' }) ordinal!: number;
  @Index() @Column({ type: 'varchar', length: 11, nullable: true }) numdemrsa!: string | null;
  @Column({ type: 'varchar', length: 15, nullable: true }) matricule!: string | null;
  @Column({ type: 'varchar', length: 300 }) path!: string;
  @Column({ type: 'text' }) message!: string;
  /** The household's XML sealed by the NirVault (plain UTF-8 for rejects stored before sealing; empty once purged). */
  @Column({ type: 'bytea', name: 'raw_xml' }) rawXml!: Buffer;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
