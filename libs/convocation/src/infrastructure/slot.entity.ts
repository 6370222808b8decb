import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AppointmentKind, Reception } from '../domain/appointment';

/**
 * A time an agenda offers, with room for `capacity` people. `booked` moves in the same statement
 * that checks it (`booked < capacity`), so a slot is never overbooked whoever books at once.
 */
@Entity({ name: 'convocation_slot' })
@Check('ck_convocation_slot_capacity', 'booked >= 0 AND booked <= capacity')
@Index('ix_convocation_slot_open', ['kind', 'startsAt'], { where: `status = 'open'` })
@Index('ix_convocation_slot_agenda', ['agendaId', 'startsAt'])
export class SlotEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_convocation_slot' }) id!: string;
  @Column({ type: 'uuid', name: 'agenda_id' }) agendaId!: string;
  @Column({ type: 'uuid', name: 'place_id' }) placeId!: string;
  @Column({ type: 'varchar', length: 40, name: 'territory_id' }) territoryId!: string;
  @Column({ type: 'varchar', length: 24 }) kind!: AppointmentKind;
  @Column({ type: 'varchar', length: 12 }) reception!: Reception;
  @Column({ type: 'timestamptz', name: 'starts_at' }) startsAt!: Date;
  @Column({ type: 'integer', name: 'duration_minutes' }) durationMinutes!: number;
  @Column({ type: 'integer' }) capacity!: number;
  @Column({ type: 'integer', default: 0 }) booked!: number;
  @Column({ type: 'text', array: true, name: 'expected_roles', default: () => "'{}'" }) expectedRoles!: string[];
  /** Who holds the slot (assigned by the coordinator). */
  @Column({ type: 'uuid', array: true, name: 'professional_ids', default: () => "'{}'" }) professionalIds!: string[];
  /** open | cancelled */
  @Column({ type: 'varchar', length: 10, default: 'open' }) status!: string;
}
