import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person's accompaniment path (parcours). Opened when a DEM/CJT subject to droits et devoirs with
 * an open right is first seen; the notification date (the file's date) starts the 15-day
 * convocation clock (DOMAIN.md §2.2). At most one open path per person: the partial unique index
 * is what guarantees nobody is convened twice for the same entry.
 */
@Entity({ name: 'beneficiary_path' })
@Index('uq_beneficiary_path_open_person', ['personId'], { unique: true, where: `status = 'open'` })
export class PathEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId!: string;
  /** flux (daily file: new entrant) or stock (monthly or reprise file: caseload to reset). */
  @Column({ type: 'varchar', length: 5 }) origin!: string;
  @Column({ type: 'varchar', length: 3, name: 'role_rsa' }) roleRsa!: string;
  @Index() @Column({ type: 'date', name: 'notification_date' }) notificationDate!: string;
  @Column({ type: 'date', name: 'convocation_deadline' }) convocationDeadline!: string;
  @Column({ type: 'varchar', length: 8, default: 'open' }) status!: string;
  @Column({ type: 'uuid', name: 'opened_by_file_id' }) openedByFileId!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'opened_at' }) openedAt!: Date;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'varchar', length: 32, name: 'close_reason', nullable: true }) closeReason!: string | null;
}
