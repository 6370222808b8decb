import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AppointmentKind, Reception } from '../domain/appointment';

/**
 * A kind of appointment offered at a place, with its defaults for the slots it generates: duration,
 * capacity, and the professionals expected (a co-diagnostic: one France Travail counsellor and one
 * Département social worker).
 */
@Entity({ name: 'convocation_agenda' })
@Index('ix_convocation_agenda_place', ['placeId', 'kind'])
export class AgendaEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_convocation_agenda' }) id!: string;
  @Column({ type: 'uuid', name: 'place_id' }) placeId!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'varchar', length: 24 }) kind!: AppointmentKind;
  @Column({ type: 'varchar', length: 12 }) reception!: Reception;
  @Column({ type: 'integer', name: 'duration_minutes' }) durationMinutes!: number;
  @Column({ type: 'integer' }) capacity!: number;
  /** Roles expected at each slot (`ft_counsellor`, `referent`…). */
  @Column({ type: 'text', array: true, name: 'expected_roles', default: () => "'{}'" }) expectedRoles!: string[];
  @Column({ type: 'boolean', default: true }) active!: boolean;
}
