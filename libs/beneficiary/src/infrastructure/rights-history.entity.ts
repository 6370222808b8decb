import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only history of (ETATDOSRSA, TOPPERSDRODEVORSA) per person and dossier, dated by the file. */
@Entity({ name: 'beneficiary_rights_history' })
@Index(['personId', 'fluxDate'])
export class RightsHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId!: string;
  @Column({ type: 'varchar', length: 1 }) etatdosrsa!: string;
  @Column({ type: 'boolean', nullable: true }) toppersdrodevorsa!: boolean | null;
  @Column({ type: 'uuid', name: 'file_id' }) fileId!: string;
  @Column({ type: 'date', name: 'flux_date' }) fluxDate!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'recorded_at' }) recordedAt!: Date;
}
