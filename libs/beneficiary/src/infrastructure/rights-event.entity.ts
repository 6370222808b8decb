import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** right-opened / suspended / resumed / closed / refused (dossier) and entered-rights-and-duties (person). */
@Entity({ name: 'beneficiary_rights_event' })
@Index(['dossierId', 'fluxDate'])
export class RightsEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId!: string;
  @Index() @Column({ type: 'uuid', name: 'person_id', nullable: true }) personId!: string | null;
  @Column({ type: 'varchar', length: 1, name: 'etat_before', nullable: true }) etatBefore!: string | null;
  @Column({ type: 'varchar', length: 1, name: 'etat_after', nullable: true }) etatAfter!: string | null;
  @Column({ type: 'uuid', name: 'file_id' }) fileId!: string;
  @Column({ type: 'date', name: 'flux_date' }) fluxDate!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
