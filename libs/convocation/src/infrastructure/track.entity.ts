import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TrackState } from '../domain/convocation-track';

/**
 * One row per path between its entry and the first appointment honoured: the planner's work list.
 * `next_action_at` says when the planner looks at it again (a new path: now; an invitation: its
 * reminder or expiry; no slot: in an hour).
 */
@Entity({ name: 'convocation_track' })
@Index('ix_convocation_track_due', ['nextActionAt'], { where: `next_action_at IS NOT NULL` })
@Index('ix_convocation_track_territory', ['territoryId', 'state'])
export class TrackEntity {
  @PrimaryColumn({ type: 'uuid', name: 'path_id', primaryKeyConstraintName: 'pk_convocation_track' }) pathId!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'varchar', length: 40, name: 'territory_id', nullable: true }) territoryId!: string | null;
  @Column({ type: 'varchar', length: 10 }) state!: TrackState;
  /** The day the appointment must fall on or before (15 days after the notification, or the relance deadline). */
  @Column({ type: 'date' }) deadline!: string;
  /** Relances used (absences without excuse). */
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'integer', default: 0 }) excused!: number;
  /** How the last appointment ended (absent, excused): the next message says so. */
  @Column({ type: 'varchar', length: 8, name: 'last_outcome', nullable: true }) lastOutcome!: string | null;
  @Column({ type: 'uuid', name: 'appointment_id', nullable: true }) appointmentId!: string | null;
  /** Invite-first: the invitation was sent on this day; expires at `invitation_expires_on`. */
  @Column({ type: 'date', name: 'invited_on', nullable: true }) invitedOn!: string | null;
  @Column({ type: 'date', name: 'invitation_expires_on', nullable: true }) invitationExpiresOn!: string | null;
  @Column({ type: 'timestamptz', name: 'next_action_at', nullable: true }) nextActionAt!: Date | null;
  /** flux (planned at once) or stock (planned by a reprise campaign). */
  @Column({ type: 'varchar', length: 5 }) origin!: string;
  @Column({ type: 'uuid', name: 'campaign_id', nullable: true }) campaignId!: string | null;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
