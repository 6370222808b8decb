import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Something a territory's coordinator must act on: no slot within the deadline, a person we cannot
 * reach, a person to review in EP. One open alert per path and kind.
 */
@Entity({ name: 'convocation_alert' })
@Index('uq_convocation_alert_open', ['pathId', 'kind'], { unique: true, where: 'resolved_at IS NULL' })
@Index('ix_convocation_alert_territory', ['territoryId', 'kind'])
export class AlertEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_convocation_alert' }) id!: string;
  @Column({ type: 'varchar', length: 40, name: 'territory_id', nullable: true }) territoryId!: string | null;
  /** no-slot | unreachable | ep-review */
  @Column({ type: 'varchar', length: 12 }) kind!: string;
  @Column({ type: 'uuid', name: 'path_id' }) pathId!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  /** Codes and dates only (the EP review's history of appointments, what failed). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'varchar', length: 200, name: 'resolved_by', nullable: true }) resolvedBy!: string | null;
}
