import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContractEntity } from './contract-record.entity';

/** The first period of a contract (seq 1) and each renewal; end and bilan days inclusive. */
@Entity({ name: 'contract_period' })
@Index('ix_contract_period_remind', ['remindOn'])
@Index('ix_contract_period_bilan', ['bilanDueOn'])
@Check('ck_contract_period_kind', "kind IN ('first', 'renewal')")
@Check('ck_contract_period_dates', 'ends_on >= starts_on AND bilan_due_on BETWEEN starts_on AND ends_on')
export class ContractPeriodEntity {
  @PrimaryColumn({ type: 'uuid', name: 'contract_id', primaryKeyConstraintName: 'pk_contract_period' }) contractId!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_contract_period' }) seq!: number;
  @Column({ type: 'varchar', length: 8 }) kind!: string;
  @Column({ type: 'date', name: 'starts_on' }) startsOn!: string;
  @Column({ type: 'date', name: 'ends_on' }) endsOn!: string;
  @Column({ type: 'date', name: 'bilan_due_on' }) bilanDueOn!: string;
  @Column({ type: 'date', name: 'remind_on' }) remindOn!: string;
  /** A renewal without the bilan of the period before: why. */
  @Column({ type: 'varchar', length: 40, name: 'without_bilan_reason', nullable: true }) withoutBilanReason!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_contract_period_contract' })
  contract?: ContractEntity;
}
