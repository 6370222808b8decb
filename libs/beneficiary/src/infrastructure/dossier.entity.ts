import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An RSA dossier (= foyer) as the CAF last described it, keyed by NUMDEMRSA (CAF-FORMAT §13.3).
 * Fields the product queries are columns; the other blocks are kept whole in `blocks` so nothing the
 * CAF sent is lost. When and by which file it was last carried is in DossierSeenEntity.
 */
@Entity({ name: 'beneficiary_dossier' })
export class DossierEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 11 }) numdemrsa!: string;
  @Column({ type: 'varchar', length: 15 }) matricule!: string;
  @Column({ type: 'varchar', length: 3 }) fonorg!: string;
  @Column({ type: 'varchar', length: 3 }) numorg!: string;
  @Column({ type: 'varchar', length: 4, nullable: true }) typeparte!: string | null;
  @Column({ type: 'varchar', length: 3, nullable: true }) ideparte!: string | null;
  @Column({ type: 'date' }) dtdemrsa!: string;
  @Index() @Column({ type: 'varchar', length: 1 }) etatdosrsa!: string;
  /** Refus, suspensions, fin de droit: the companions of ETATDOSRSA (cleared when the state moves on). */
  @Column({ type: 'jsonb', name: 'rights_detail' }) rightsDetail!: object;
  @Column({ type: 'varchar', length: 3 }) sitfam!: string;
  @Column({ type: 'date', nullable: true }) ddsitfam!: string | null;
  @Column({ type: 'boolean', nullable: true }) topsansdomfixe!: boolean | null;
  @Column({ type: 'boolean', nullable: true }) topfoydrodevorsa!: boolean | null;
  @Column({ type: 'varchar', length: 3, nullable: true }) oridemrsa!: string | null;
  /** INSEE code of the current address (RGADR 01): routes the dossier to its territory. */
  @Index() @Column({ type: 'varchar', length: 5, nullable: true, name: 'commune_insee' }) communeInsee!: string | null;
  @Column({ type: 'jsonb' }) addresses!: object;
  @Column({ type: 'jsonb' }) blocks!: object;
  @Column({ type: 'jsonb' }) evenements!: object;
  @Column({ type: 'jsonb', name: 'unknown_codes' }) unknownCodes!: object;
  @Column({ type: 'varchar', length: 64, name: 'payload_hash' }) payloadHash!: string;
  /** SHA-256 of the raw InfosFoyerRSA block last applied: a byte-identical block is unchanged without mapping it. */
  @Column({ type: 'varchar', length: 64, name: 'raw_hash', nullable: true }) rawHash!: string | null;
  @Column({ type: 'uuid', name: 'first_file_id' }) firstFileId!: string;
  @Column({ type: 'date', name: 'first_flux_date' }) firstFluxDate!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
