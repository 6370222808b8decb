import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A département's codes for one dominante: France Travail parcours code and CASF category. */
@Entity({ name: 'orientation_dominante_code' })
@Check('ck_orientation_dominante_code_dominante', "dominante IN ('emploi', 'equilibre', 'remobilisation')")
export class OrientationDominanteCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 3, primaryKeyConstraintName: 'pk_orientation_dominante_code' }) departement!: string;
  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_orientation_dominante_code' }) dominante!: string;
  @Column({ type: 'varchar', length: 20, name: 'france_travail_parcours' }) franceTravailParcours!: string;
  @Column({ type: 'varchar', length: 40, name: 'casf_category' }) casfCategory!: string;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'updated_by' }) updatedBy!: string;
}
