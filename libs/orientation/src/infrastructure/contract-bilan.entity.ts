import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContractEntity } from './contract-record.entity';

/** The bilan of one contract period: when, the outcome and the next steps, as codes. */
@Entity({ name: 'contract_bilan' })
@Index('uq_contract_bilan_period', ['contractId', 'periodSeq'], { unique: true })
@Check('ck_contract_bilan_outcome', "outcome IN ('renew', 'reorient', 'exit')")
export class ContractBilanEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_contract_bilan' }) id!: string;
  @Column({ type: 'uuid', name: 'contract_id' }) contractId!: string;
  @Column({ type: 'integer', name: 'period_seq' }) periodSeq!: number;
  @Column({ type: 'date', name: 'held_on' }) heldOn!: string;
  @Column({ type: 'varchar', length: 16 }) outcome!: string;
  @Column({ type: 'jsonb', name: 'next_steps', default: () => "'[]'" }) nextSteps!: string[];
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_contract_bilan_contract' })
  contract?: ContractEntity;
}
