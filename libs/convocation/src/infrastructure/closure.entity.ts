import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Days a place is closed (works, training days…): no slot there, existing ones are listed to move. */
@Entity({ name: 'convocation_closure' })
@Index('ix_convocation_closure_place', ['placeId', 'fromDay'])
export class ClosureEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_convocation_closure' }) id!: string;
  @Column({ type: 'uuid', name: 'place_id' }) placeId!: string;
  @Column({ type: 'date', name: 'from_day' }) fromDay!: string;
  @Column({ type: 'date', name: 'to_day' }) toDay!: string;
  @Column({ type: 'varchar', length: 120 }) reason!: string;
}
