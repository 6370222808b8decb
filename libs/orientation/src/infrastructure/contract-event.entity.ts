import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContractEntity } from './contract-record.entity';

/** One row per version of a contract: what changed (codes and ids), when and by whom. */
@Entity({ name: 'contract_event' })
export class ContractEventEntity {
  @PrimaryColumn({ type: 'uuid', name: 'contract_id', primaryKeyConstraintName: 'pk_contract_event' }) contractId!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_contract_event' }) version!: number;
  /** created | signed | action-added | action-changed | intensity-adjusted | bilan | renewed | ended */
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail!: Record<string, unknown>;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'varchar', length: 200 }) by!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_contract_event_contract' })
  contract?: ContractEntity;
}
