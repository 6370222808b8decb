import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A territory's portfolio settings: capacity per dominante (its own, instead of 60/70/60) and how often portfolios are reviewed. */
@Entity({ name: 'portfolio_territory_setting' })
@Check('ck_portfolio_territory_setting_capacity', 'capacity_emploi BETWEEN 1 AND 500 AND capacity_equilibre BETWEEN 1 AND 500 AND capacity_remobilisation BETWEEN 1 AND 500')
@Check('ck_portfolio_territory_setting_review', 'review_every_months BETWEEN 1 AND 12')
export class PortfolioTerritorySettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'territory_id', primaryKeyConstraintName: 'pk_portfolio_territory_setting' }) territoryId!: string;
  @Column({ type: 'integer', name: 'capacity_emploi' }) capacityEmploi!: number;
  @Column({ type: 'integer', name: 'capacity_equilibre' }) capacityEquilibre!: number;
  @Column({ type: 'integer', name: 'capacity_remobilisation' }) capacityRemobilisation!: number;
  /** Months between two portfolio reviews (3, quarterly, unless the territory says otherwise). */
  @Column({ type: 'integer', name: 'review_every_months', default: 3 }) reviewEveryMonths!: number;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'updated_by' }) updatedBy!: string;
}

/** A referent's own capacity (per dominante, null: the territory's) and absence (from/to inclusive). */
@Entity({ name: 'portfolio_referent_setting' })
@Check(
  'ck_portfolio_referent_setting_capacity',
  '(capacity_emploi IS NULL OR capacity_emploi BETWEEN 1 AND 500) AND (capacity_equilibre IS NULL OR capacity_equilibre BETWEEN 1 AND 500) AND (capacity_remobilisation IS NULL OR capacity_remobilisation BETWEEN 1 AND 500)',
)
@Check('ck_portfolio_referent_setting_absence', '(absent_from IS NULL) = (absent_to IS NULL) AND (absent_to IS NULL OR absent_to >= absent_from)')
export class PortfolioReferentSettingEntity {
  /** access_professional.id */
  @PrimaryColumn({ type: 'uuid', name: 'professional_id', primaryKeyConstraintName: 'pk_portfolio_referent_setting' }) professionalId!: string;
  @Column({ type: 'integer', name: 'capacity_emploi', nullable: true }) capacityEmploi!: number | null;
  @Column({ type: 'integer', name: 'capacity_equilibre', nullable: true }) capacityEquilibre!: number | null;
  @Column({ type: 'integer', name: 'capacity_remobilisation', nullable: true }) capacityRemobilisation!: number | null;
  @Column({ type: 'date', name: 'absent_from', nullable: true }) absentFrom!: string | null;
  @Column({ type: 'date', name: 'absent_to', nullable: true }) absentTo!: string | null;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'updated_by' }) updatedBy!: string;
}
