import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A transfer of people from one referent to another: permanent (the periods' referent changes) or
 * temporary for an absence (the stand-in has the files until `ends_on`, the day the people return;
 * the periods keep their referent).
 */
@Entity({ name: 'portfolio_transfer' })
@Index('ix_portfolio_transfer_from', ['fromReferentId', 'createdAt'])
@Index('ix_portfolio_transfer_to', ['toReferentId', 'createdAt'])
@Check('ck_portfolio_transfer_kind', "kind IN ('permanent', 'temporary')")
@Check('ck_portfolio_transfer_end', "(kind = 'temporary') = (ends_on IS NOT NULL) AND (ends_on IS NULL OR ends_on > starts_on)")
@Check('ck_portfolio_transfer_referents', 'from_referent_id <> to_referent_id')
@Check('ck_portfolio_transfer_over_capacity', 'over_capacity = (over_capacity_reason IS NOT NULL)')
export class PortfolioTransferEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_portfolio_transfer' }) id!: string;
  @Column({ type: 'uuid', name: 'from_referent_id' }) fromReferentId!: string;
  @Column({ type: 'uuid', name: 'to_referent_id' }) toReferentId!: string;
  @Column({ type: 'uuid', name: 'to_structure_id' }) toStructureId!: string;
  /** permanent | temporary */
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  @Column({ type: 'varchar', length: 40, name: 'reason_code' }) reasonCode!: string;
  @Column({ type: 'boolean', name: 'over_capacity', default: false }) overCapacity!: boolean;
  @Column({ type: 'varchar', length: 40, name: 'over_capacity_reason', nullable: true }) overCapacityReason!: string | null;
  @Column({ type: 'date', name: 'starts_on' }) startsOn!: string;
  /** Temporary: the day the people return to their referent. */
  @Column({ type: 'date', name: 'ends_on', nullable: true }) endsOn!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
}

/** A person moved by a transfer, with the grants given and ended. */
@Entity({ name: 'portfolio_transfer_item' })
@Index('ix_portfolio_transfer_item_person', ['personId'])
export class PortfolioTransferItemEntity {
  @PrimaryColumn({ type: 'uuid', name: 'transfer_id', primaryKeyConstraintName: 'pk_portfolio_transfer_item' }) transferId!: string;
  @PrimaryColumn({ type: 'uuid', name: 'person_id', primaryKeyConstraintName: 'pk_portfolio_transfer_item' }) personId!: string;
  @Column({ type: 'uuid', name: 'period_id' }) periodId!: string;
  @Column({ type: 'varchar', length: 16 }) dominante!: string;
  /** The receiver's case grant. */
  @Column({ type: 'uuid', name: 'grant_id', nullable: true }) grantId!: string | null;
  /** The previous referent's grant, ended by a permanent transfer. */
  @Column({ type: 'uuid', name: 'revoked_grant_id', nullable: true }) revokedGrantId!: string | null;
}
