import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A stock reprise campaign (DOMAIN.md §8): a segment of a territory's stock, in priority order,
 * convened at a monthly pace between two months.
 */
@Entity({ name: 'convocation_campaign' })
export class CampaignEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_convocation_campaign' }) id!: string;
  @Index('ix_convocation_campaign_territory')
  @Column({ type: 'varchar', length: 40, name: 'territory_id' })
  territoryId!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  /** not-oriented | lost-from-view */
  @Column({ type: 'varchar', length: 20 }) segment!: string;
  /** longest-in-rsa | oldest-entry */
  @Column({ type: 'varchar', length: 20 }) priority!: string;
  @Column({ type: 'integer', name: 'monthly_pace' }) monthlyPace!: number;
  /** YYYY-MM */
  @Column({ type: 'varchar', length: 7, name: 'from_month' }) fromMonth!: string;
  @Column({ type: 'varchar', length: 7, name: 'to_month' }) toMonth!: string;
  /** active | paused | done */
  @Column({ type: 'varchar', length: 8, default: 'active' }) status!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
}
