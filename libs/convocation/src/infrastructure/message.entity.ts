import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The outbox: every message to send is a row, written in the same transaction as the decision
 * (convene, move, remind…). Sending jobs claim due rows in batches before sending and mark them
 * after, so nothing is lost if Redis or a worker goes away, and nothing is sent twice; the sweeper
 * takes back the claims of a worker that died. `dedupe_key` says what the message is for, once.
 */
@Entity({ name: 'notification_message' })
@Index('ix_notification_message_due', ['dueAt'], { where: `status = 'pending'` })
@Index('ix_notification_message_claimed', ['claimedAt'], { where: `status = 'sending'` })
@Index('ix_notification_message_appointment', ['appointmentId'])
@Index('ix_notification_message_person', ['personId'])
export class MessageEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_notification_message' }) id!: string;
  @Index('uq_notification_message_dedupe', { unique: true })
  @Column({ type: 'varchar', length: 160, name: 'dedupe_key' })
  dedupeKey!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'uuid', name: 'path_id' }) pathId!: string;
  @Column({ type: 'uuid', name: 'appointment_id', nullable: true }) appointmentId!: string | null;
  /** The appointment's version the message was written for. */
  @Column({ type: 'integer', name: 'appointment_version', nullable: true }) appointmentVersion!: number | null;
  /** letter | email | sms */
  @Column({ type: 'varchar', length: 6 }) channel!: string;
  /** A NoticeKind. */
  @Column({ type: 'varchar', length: 20 }) kind!: string;
  @Column({ type: 'timestamptz', name: 'due_at' }) dueAt!: Date;
  /** Never sent after this instant (a reminder after its appointment means nothing). */
  @Column({ type: 'timestamptz', name: 'not_after', nullable: true }) notAfter!: Date | null;
  /** pending | sending | sent | failed | cancelled | skipped */
  @Column({ type: 'varchar', length: 9, default: 'pending' }) status!: string;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'timestamptz', name: 'claimed_at', nullable: true }) claimedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true }) sentAt!: Date | null;
  /** The day (Paris) it was first handed to its channel: a letter's date and print folder, kept for its retries. */
  @Column({ type: 'date', name: 'issued_on', nullable: true }) issuedOn!: string | null;
  /** Why it failed or was skipped: a code (no-consent, no-postal-address, smtp-rejected…). */
  @Column({ type: 'varchar', length: 80, nullable: true }) outcome!: string | null;
  /** Relance number, invitation deadline…: what the notice needs beyond the rows it reads. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) context!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
