import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A notice to one professional (see the migration OrientationNotices). */
@Entity({ name: 'orientation_notice' })
@Index('ix_orientation_notice_recipient', ['recipientId', 'createdAt'])
@Index('uq_orientation_notice_dedupe', ['recipientId', 'dedupeKey'], { unique: true, where: 'dedupe_key IS NOT NULL' })
export class OrientationNoticeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_orientation_notice' }) id!: string;
  /** The professional (access_professional.id). */
  @Column({ type: 'uuid', name: 'recipient_id' }) recipientId!: string;
  @Column({ type: 'varchar', length: 40 }) kind!: string;
  @Column({ type: 'uuid', name: 'person_id', nullable: true }) personId!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'subject_type', nullable: true }) subjectType!: string | null;
  @Column({ type: 'uuid', name: 'subject_id', nullable: true }) subjectId!: string | null;
  /** Codes, ids and dates; never a name or an address. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail!: Record<string, unknown>;
  @Column({ type: 'date', name: 'due_on', nullable: true }) dueOn!: string | null;
  @Column({ type: 'varchar', length: 160, name: 'dedupe_key', nullable: true }) dedupeKey!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'read_at', nullable: true }) readAt!: Date | null;
}
