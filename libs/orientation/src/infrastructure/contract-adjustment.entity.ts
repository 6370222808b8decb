import { Check, Column, CreateDateColumn, Entity, Exclusion, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContractEntity } from './contract-record.entity';

/** Another weekly floor than 15 h, with its reason, over whole weeks (Monday to Sunday) that never overlap. */
@Entity({ name: 'contract_intensity_adjustment' })
@Check('ck_contract_intensity_adjustment_dates', 'to_on >= from_on')
@Check('ck_contract_intensity_adjustment_hours', 'weekly_hours >= 0 AND weekly_hours <= 35')
@Exclusion('ex_contract_intensity_adjustment_overlap', `USING gist ("contract_id" WITH =, daterange("from_on", "to_on", '[]') WITH &&)`)
export class ContractAdjustmentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_contract_intensity_adjustment' }) id!: string;
  @Column({ type: 'uuid', name: 'contract_id' }) contractId!: string;
  @Column({ type: 'numeric', precision: 4, scale: 1, name: 'weekly_hours' }) weeklyHours!: string;
  @Column({ type: 'varchar', length: 40 }) reason!: string;
  @Column({ type: 'date', name: 'from_on' }) fromOn!: string;
  @Column({ type: 'date', name: 'to_on' }) toOn!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_contract_intensity_adjustment_contract' })
  contract?: ContractEntity;
}
