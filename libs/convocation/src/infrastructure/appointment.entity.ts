import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AppointmentKind, AppointmentStatus } from '../domain/appointment';

/**
 * A person's appointment. The partial unique index is what keeps anyone from being convened twice
 * to the same kind of appointment of the same path: at most one that still expects them.
 */
@Entity({ name: 'convocation_appointment' })
@Index('uq_convocation_appointment_active', ['pathId', 'kind'], { unique: true, where: `status IN ('planned', 'confirmed', 'moved')` })
@Index('ix_convocation_appointment_person', ['personId'])
@Index('ix_convocation_appointment_slot', ['slotId'])
export class AppointmentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_convocation_appointment' }) id!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'uuid', name: 'path_id' }) pathId!: string;
  @Column({ type: 'uuid', name: 'slot_id' }) slotId!: string;
  @Column({ type: 'uuid', name: 'place_id' }) placeId!: string;
  @Column({ type: 'varchar', length: 24 }) kind!: AppointmentKind;
  @Column({ type: 'varchar', length: 10 }) status!: AppointmentStatus;
  @Column({ type: 'timestamptz', name: 'starts_at' }) startsAt!: Date;
  /** 1, then + 1 at each move: messages of an older version are cancelled. */
  @Column({ type: 'integer', default: 1 }) version!: number;
  /** Which convocation of the path this is: 0 the first, then the relances. */
  @Column({ type: 'integer', default: 0 }) attempt!: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
