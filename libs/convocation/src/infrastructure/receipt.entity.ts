import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What each attempt to hand a message over gave: channel, provider, status, error. Evidence. */
@Entity({ name: 'notification_receipt' })
@Index('ix_notification_receipt_message', ['messageId'])
export class ReceiptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_notification_receipt' }) id!: string;
  @Column({ type: 'uuid', name: 'message_id' }) messageId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'varchar', length: 6 }) channel!: string;
  @Column({ type: 'varchar', length: 40 }) provider!: string;
  @Column({ type: 'varchar', length: 120, name: 'provider_message_id', nullable: true }) providerMessageId!: string | null;
  /** delivered | failed-transient | failed-permanent */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'varchar', length: 300, nullable: true }) error!: string | null;
}
