import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A person with a personal account (DOMAIN.md §11): known by the identity provider's subject. What
 * they may do comes from their habilitations, never from the token alone.
 */
@Entity({ name: 'access_professional' })
export class ProfessionalEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_access_professional' }) id!: string;
  /** The identity provider's `sub`. */
  @Index('uq_access_professional_subject', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  subject!: string;
  @Column({ type: 'varchar', length: 160, name: 'display_name' }) displayName!: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
