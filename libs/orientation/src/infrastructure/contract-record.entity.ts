import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A contrat d'engagement (CER or PPAE) of one person for one orientation period (see the migration
 * Contracts). At most one contract of a period is alive (not ended); `version` guards every change.
 */
@Entity({ name: 'contract' })
@Index('ix_contract_person', ['personId', 'createdAt'])
@Index('uq_contract_live', ['orientationPeriodId'], { unique: true, where: "status <> 'ended'" })
@Check('ck_contract_kind', "kind IN ('cer', 'ppae')")
@Check('ck_contract_status', "status IN ('draft', 'signed', 'renewed', 'ended')")
@Check('ck_contract_dominante', "dominante IN ('emploi', 'equilibre', 'remobilisation')")
@Check('ck_contract_signed', "status IN ('draft', 'ended') OR signed_on IS NOT NULL")
@Check('ck_contract_ended', "(status = 'ended') = (ended_on IS NOT NULL)")
export class ContractEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_contract' }) id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  /** The orientation period (orientation_period.id) the contract belongs to. */
  @Column({ type: 'uuid', name: 'orientation_period_id' }) orientationPeriodId!: string;
  @Column({ type: 'varchar', length: 40, name: 'territory_id' }) territoryId!: string;
  /** The period's dominante when the contract was drawn up: it sets the durations. */
  @Column({ type: 'varchar', length: 16 }) dominante!: string;
  /** cer | ppae, from the kind of the referent structure. */
  @Column({ type: 'varchar', length: 8 }) kind!: string;
  @Column({ type: 'varchar', length: 24, name: 'structure_kind' }) structureKind!: string;
  @Column({ type: 'uuid', name: 'structure_id', nullable: true }) structureId!: string | null;
  /** draft | signed | renewed | ended */
  @Column({ type: 'varchar', length: 12, default: 'draft' }) status!: string;
  @Column({ type: 'date', name: 'signed_on', nullable: true }) signedOn!: string | null;
  @Column({ type: 'date', name: 'ended_on', nullable: true }) endedOn!: string | null;
  /** exit:<reason> | cancelled */
  @Column({ type: 'varchar', length: 40, name: 'end_reason', nullable: true }) endReason!: string | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
