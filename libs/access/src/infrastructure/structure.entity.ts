import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { StructureKind } from '../domain/structure-kind';
import { TerritoryEntity } from './territory.entity';

/**
 * An organisation whose professionals use the product: a Département service or Maison Nord
 * Emploi, a France Travail agency, a Mission locale, Cap emploi, a partner operator.
 */
@Entity({ name: 'access_structure' })
export class StructureEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_access_structure' }) id!: string;
  @Column({ type: 'varchar', length: 24 }) kind!: StructureKind;
  @Column({ type: 'varchar', length: 160 }) name!: string;
  /** The structure's own identifier (France Travail agency code, SIRET…), unique when given. */
  @Index('uq_access_structure_code', { unique: true, where: 'code IS NOT NULL' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  code!: string | null;
  /** Null for a structure working across the Département. */
  @Column({ type: 'varchar', length: 40, name: 'territory_id', nullable: true }) territoryId!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'territory_id', foreignKeyConstraintName: 'fk_access_structure_territory' })
  territory?: TerritoryEntity | null;
}
