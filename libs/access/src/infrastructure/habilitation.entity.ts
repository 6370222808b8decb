import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Role } from '@rsa/kernel';
import { ProfessionalEntity } from './professional.entity';
import { StructureEntity } from './structure.entity';
import { TerritoryEntity } from './territory.entity';

/**
 * The right of a professional to act in a role for a structure, between two dates (inclusive, Paris
 * calendar), until revoked. Checked on every request: an expired or revoked habilitation is refused
 * at once (DOMAIN.md §11, L4071: the habilitation ends when the professional changes post).
 */
@Entity({ name: 'access_habilitation' })
export class HabilitationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_access_habilitation' }) id!: string;
  @Index('ix_access_habilitation_professional')
  @Column({ type: 'uuid', name: 'professional_id' })
  professionalId!: string;
  @Column({ type: 'varchar', length: 24 }) role!: Role;
  @Column({ type: 'uuid', name: 'structure_id' }) structureId!: string;
  /** The territory a coordinator or project team covers; otherwise the structure's. */
  @Column({ type: 'varchar', length: 40, name: 'territory_id', nullable: true }) territoryId!: string | null;
  /** Permissions no role implies (exports), granted by name. */
  @Column({ type: 'text', array: true, name: 'extra_permissions', default: () => "'{}'" }) extraPermissions!: string[];
  @Column({ type: 'date', name: 'valid_from' }) validFrom!: string;
  @Column({ type: 'date', name: 'valid_to', nullable: true }) validTo!: string | null;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'varchar', length: 40, name: 'revoked_reason', nullable: true }) revokedReason!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;

  @ManyToOne(() => ProfessionalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'professional_id', foreignKeyConstraintName: 'fk_access_habilitation_professional' })
  professional?: ProfessionalEntity;

  @ManyToOne(() => StructureEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'structure_id', foreignKeyConstraintName: 'fk_access_habilitation_structure' })
  structure?: StructureEntity;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'territory_id', foreignKeyConstraintName: 'fk_access_habilitation_territory' })
  territory?: TerritoryEntity | null;
}
