import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A territory of the Département: one of the seven Maisons Nord Emploi and the communes it serves. */
@Entity({ name: 'access_territory' })
export class TerritoryEntity {
  /** A stable code, `roubaix-tourcoing`. */
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'pk_access_territory' }) id!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
