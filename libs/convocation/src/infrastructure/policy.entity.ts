import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How a territory convenes: its choices, with the defaults of DOMAIN.md §2 and §8. */
@Entity({ name: 'convocation_policy' })
export class PolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'territory_id', primaryKeyConstraintName: 'pk_convocation_policy' }) territoryId!: string;
  /** Invite to book first (reminder, expiry, then convocation) rather than convene at once. */
  @Column({ type: 'boolean', name: 'invite_first', default: false }) inviteFirst!: boolean;
  @Column({ type: 'integer', name: 'invitation_reminder_days', default: 3 }) invitationReminderDays!: number;
  @Column({ type: 'integer', name: 'invitation_expiry_days', default: 6 }) invitationExpiryDays!: number;
  /** After an unexcused absence: a new convocation within this many days, up to `max_relances` times. */
  @Column({ type: 'integer', name: 'relance_within_days', default: 10 }) relanceWithinDays!: number;
  @Column({ type: 'integer', name: 'max_relances', default: 2 }) maxRelances!: number;
  /** Working days between the letter and the appointment, for the post to arrive. */
  @Column({ type: 'integer', name: 'min_lead_working_days', default: 2 }) minLeadWorkingDays!: number;
  @Column({ type: 'integer', name: 'reminder_working_days_before', default: 2 }) reminderWorkingDaysBefore!: number;
  /** SMS and emails only between these hours (Paris). */
  @Column({ type: 'varchar', length: 5, name: 'send_from', default: '09:00' }) sendFrom!: string;
  @Column({ type: 'varchar', length: 5, name: 'send_until', default: '19:00' }) sendUntil!: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'updated_by' }) updatedBy!: string;
}
