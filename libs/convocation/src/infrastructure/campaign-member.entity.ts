import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One person of a campaign, in its order; released to the planner when the pace allows. */
@Entity({ name: 'convocation_campaign_member' })
@Index('ix_convocation_campaign_member_rank', ['campaignId', 'rank'])
export class CampaignMemberEntity {
  @PrimaryColumn({ type: 'uuid', name: 'campaign_id', primaryKeyConstraintName: 'pk_convocation_campaign_member' }) campaignId!: string;
  @PrimaryColumn({ type: 'uuid', name: 'path_id', primaryKeyConstraintName: 'pk_convocation_campaign_member' }) pathId!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'integer' }) rank!: number;
  @Column({ type: 'timestamptz', name: 'released_at', nullable: true }) releasedAt!: Date | null;
}
