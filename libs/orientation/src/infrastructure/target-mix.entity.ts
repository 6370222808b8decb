import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A territory's target mix of dominantes, in percent (DOMAIN.md §4, L2511). */
@Entity({ name: 'orientation_target_mix' })
@Check('ck_orientation_target_mix_total', 'emploi >= 0 AND equilibre >= 0 AND remobilisation >= 0 AND abs(emploi + equilibre + remobilisation - 100) <= 0.01')
export class OrientationTargetMixEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'territory_id', primaryKeyConstraintName: 'pk_orientation_target_mix' }) territoryId!: string;
  @Column({ type: 'numeric', precision: 5, scale: 2 }) emploi!: string;
  @Column({ type: 'numeric', precision: 5, scale: 2 }) equilibre!: string;
  @Column({ type: 'numeric', precision: 5, scale: 2 }) remobilisation!: string;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'updated_by' }) updatedBy!: string;
}
