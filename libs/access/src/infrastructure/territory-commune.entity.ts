import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TerritoryEntity } from './territory.entity';

/**
 * Which territory serves a commune (INSEE code). A beneficiary belongs to the territory of the
 * commune of their current dossier's address: that is what a coordinator's scope means.
 */
@Entity({ name: 'access_territory_commune' })
export class TerritoryCommuneEntity {
  @PrimaryColumn({ type: 'varchar', length: 5, primaryKeyConstraintName: 'pk_access_territory_commune' }) insee!: string;
  @Index('ix_access_territory_commune_territory')
  @Column({ type: 'varchar', length: 40, name: 'territory_id' })
  territoryId!: string;
  @Column({ type: 'varchar', length: 80 }) name!: string;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id', foreignKeyConstraintName: 'fk_access_territory_commune_territory' })
  territory?: TerritoryEntity;
}
