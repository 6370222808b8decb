import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ContractEntity } from './contract-record.entity';

/** An action of a contract's plan: the activities' référentiel code, weekly hours, dates, provider, status. */
@Entity({ name: 'contract_action' })
@Index('ix_contract_action_contract', ['contractId', 'startsOn'])
@Check('ck_contract_action_status', "status IN ('planned', 'in-progress', 'done', 'cancelled')")
@Check('ck_contract_action_cancel', "(status = 'cancelled') = (cancel_reason IS NOT NULL)")
@Check('ck_contract_action_dates', 'ends_on >= starts_on')
@Check('ck_contract_action_hours', 'weekly_hours > 0 AND weekly_hours <= 40')
@Check('ck_contract_action_provider', 'provider_structure_id IS NULL OR provider_code IS NULL')
export class ContractActionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_contract_action' }) id!: string;
  @Column({ type: 'uuid', name: 'contract_id' }) contractId!: string;
  @Column({ type: 'varchar', length: 16 }) category!: string;
  @Column({ type: 'varchar', length: 40 }) code!: string;
  @Column({ type: 'numeric', precision: 4, scale: 1, name: 'weekly_hours' }) weeklyHours!: string;
  @Column({ type: 'date', name: 'starts_on' }) startsOn!: string;
  @Column({ type: 'date', name: 'ends_on' }) endsOn!: string;
  /** A structure of the organisation (access_structure.id), or else a provider's code. */
  @Column({ type: 'uuid', name: 'provider_structure_id', nullable: true }) providerStructureId!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'provider_code', nullable: true }) providerCode!: string | null;
  @Column({ type: 'varchar', length: 12, default: 'planned' }) status!: string;
  @Column({ type: 'varchar', length: 40, name: 'cancel_reason', nullable: true }) cancelReason!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_contract_action_contract' })
  contract?: ContractEntity;
}
