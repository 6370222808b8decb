import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Each change of an appointment: who, when, from what to what, why. Append-only. */
@Entity({ name: 'convocation_appointment_event' })
@Index('ix_convocation_appointment_event_appointment', ['appointmentId', 'at'])
export class AppointmentEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_convocation_appointment_event' }) id!: string;
  @Column({ type: 'uuid', name: 'appointment_id' }) appointmentId!: string;
  @Column({ type: 'varchar', length: 10, name: 'status_from', nullable: true }) statusFrom!: string | null;
  @Column({ type: 'varchar', length: 10, name: 'status_to' }) statusTo!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'varchar', length: 200 }) by!: string;
  /** A code: call-centre, referent, planner, relance, excuse:<reason>… */
  @Column({ type: 'varchar', length: 60, nullable: true }) reason!: string | null;
  /** For a move: the slot before and after. */
  @Column({ type: 'jsonb', nullable: true }) detail!: Record<string, unknown> | null;
}
