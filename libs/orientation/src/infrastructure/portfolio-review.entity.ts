import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A portfolio review (revue de portefeuille): a coordinator and the referent go through the referent's people. */
@Entity({ name: 'portfolio_review' })
@Index('ix_portfolio_review_referent', ['referentId', 'reviewedOn'])
@Check('ck_portfolio_review_next', 'next_due_on > reviewed_on')
export class PortfolioReviewEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_portfolio_review' }) id!: string;
  @Column({ type: 'uuid', name: 'referent_id' }) referentId!: string;
  @Column({ type: 'date', name: 'reviewed_on' }) reviewedOn!: string;
  /** The professionals who took part (access_professional ids). */
  @Column({ type: 'uuid', array: true, name: 'participant_ids' }) participantIds!: string[];
  @Column({ type: 'date', name: 'next_due_on' }) nextDueOn!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
}

/** The decision of a review for one person of the portfolio. */
@Entity({ name: 'portfolio_review_item' })
@Index('ix_portfolio_review_item_person', ['personId'])
@Check('ck_portfolio_review_item_decision', "decision IN ('continue', 'reorient-requested', 'exit-proposed', 'transfer-proposed', 'intensity-review')")
export class PortfolioReviewItemEntity {
  @PrimaryColumn({ type: 'uuid', name: 'review_id', primaryKeyConstraintName: 'pk_portfolio_review_item' }) reviewId!: string;
  @PrimaryColumn({ type: 'uuid', name: 'person_id', primaryKeyConstraintName: 'pk_portfolio_review_item' }) personId!: string;
  @Column({ type: 'varchar', length: 24 }) decision!: string;
}
