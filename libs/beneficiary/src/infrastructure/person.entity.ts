import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A person, across dossiers. The NIR is stored encrypted (`nir_encrypted`) with a keyed hash
 * (`nir_hash`) for look-ups; `identity_key` (NOMNAI|PRENOM|DTNAI|RGNAI, normalised) identifies a
 * person without a valid NIR. Neither is unique: conflicts become anomalies, never silent merges.
 */
@Entity({ name: 'beneficiary_person' })
@Index('ix_beneficiary_person_linked', ['id'], { where: 'human_id IS NOT NULL' })
export class PersonEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'bytea', name: 'nir_encrypted', nullable: true }) nirEncrypted!: Buffer | null;
  @Index() @Column({ type: 'varchar', length: 64, name: 'nir_hash', nullable: true }) nirHash!: string | null;
  /** valid | invalid | absent: what the last file said about this person's NIR. */
  @Column({ type: 'varchar', length: 8, name: 'nir_status' }) nirStatus!: string;
  @Index() @Column({ type: 'varchar', length: 160, name: 'identity_key' }) identityKey!: string;
  @Column({ type: 'varchar', length: 64, name: 'identity_hash' }) identityHash!: string;
  @Column({ type: 'varchar', length: 3, nullable: true }) qual!: string | null;
  @Column({ type: 'varchar', length: 28 }) nom!: string;
  @Column({ type: 'varchar', length: 28 }) nomnai!: string;
  @Column({ type: 'varchar', length: 32 }) prenom!: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) prenom2!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) prenom3!: string | null;
  @Column({ type: 'varchar', length: 26, nullable: true }) nomcomnai!: string | null;
  @Column({ type: 'date' }) dtnai!: string;
  @Column({ type: 'varchar', length: 1, nullable: true }) typedtnai!: string | null;
  @Column({ type: 'varchar', length: 2, nullable: true }) rgnai!: string | null;
  @Column({ type: 'varchar', length: 1, nullable: true }) sexe!: string | null;
  @Column({ type: 'boolean', nullable: true }) topvaliec!: boolean | null;
  /** DTCREAFLUX + HEUCREAFLUX of the file that last gave this identity: an older file does not roll it back. */
  @Column({ type: 'timestamptz', name: 'identity_flux_at', nullable: true }) identityFluxAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  /** Set by the retention job: identity fields, NIR and contact are gone, the id and statistics stay. */
  @Column({ type: 'timestamptz', name: 'anonymised_at', nullable: true }) anonymisedAt!: Date | null;
  /**
   * One human under several records (an operator's review found it: `same-person-caf-notified`):
   * every record of that human holds the same value, one of their ids. Null: this record stands alone.
   * The records stay apart; the intake follows the human on one path (see same-human.ts).
   */
  @Index('ix_beneficiary_person_human', { where: 'human_id IS NOT NULL' })
  @Column({ type: 'uuid', name: 'human_id', nullable: true })
  humanId!: string | null;
  /**
   * An operator found this record a person of its own though another record holds its NIR
   * (`distinct-persons` on a `nir-birthdate-conflict`): the intake no longer keeps it out for that NIR.
   */
  @Column({ type: 'boolean', name: 'distinct_despite_nir', default: false })
  distinctDespiteNir!: boolean;
}
