import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * A person's place in a dossier: roles, droits et devoirs, activity. A person who left the foyer
 * (absent from a newer version of the dossier) is detached (`detached_at`), never deleted.
 * `hist_*` mirror the last row of the rights history, so a change is detected without a query.
 * `entry_recheck_on`: the day a time-bounded reason for keeping the person out of the path ends.
 */
@Entity({ name: 'beneficiary_member' })
@Unique('uq_beneficiary_member_dossier_person', ['dossierId', 'personId'])
export class MemberEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId!: string;
  @Index() @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'varchar', length: 3, name: 'role_rsa', nullable: true }) roleRsa!: string | null;
  @Column({ type: 'varchar', length: 3, name: 'role_pfa', nullable: true }) rolePfa!: string | null;
  @Column({ type: 'boolean', name: 'topchapers_rsa', nullable: true }) topchapersRsa!: boolean | null;
  @Column({ type: 'boolean', nullable: true }) toprespdos!: boolean | null;
  @Column({ type: 'date', nullable: true }) ddratdos!: string | null;
  @Column({ type: 'date', nullable: true }) dfratdos!: string | null;
  @Column({ type: 'varchar', length: 11, nullable: true }) numdemrsaprece!: string | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) idassedic!: string | null;
  @Column({ type: 'boolean', nullable: true }) toppersdrodevorsa!: boolean | null;
  @Column({ type: 'boolean', nullable: true }) toppersentdrodevorsa!: boolean | null;
  @Column({ type: 'numeric', precision: 11, scale: 2, nullable: true }) mtpersressmenrsa!: string | null;
  @Column({ type: 'jsonb' }) blocks!: object;
  @Column({ type: 'varchar', length: 64, name: 'payload_hash' }) payloadHash!: string;
  @Column({ type: 'varchar', length: 1, name: 'hist_etatdosrsa', nullable: true }) histEtatdosrsa!: string | null;
  @Column({ type: 'boolean', name: 'hist_toppersdrodevorsa', nullable: true }) histToppersdrodevorsa!: boolean | null;
  @Column({ type: 'timestamptz', name: 'detached_at', nullable: true }) detachedAt!: Date | null;
  @Column({ type: 'uuid', name: 'detached_by_file_id', nullable: true }) detachedByFileId!: string | null;
  @Index('ix_beneficiary_member_entry_recheck', { where: 'entry_recheck_on IS NOT NULL' })
  @Column({ type: 'date', name: 'entry_recheck_on', nullable: true })
  entryRecheckOn!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
