import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A territory's orientation rule set, versioned: draft → active → retired, one active per territory. */
@Entity({ name: 'orientation_rule_set' })
@Index('uq_orientation_rule_set_version', ['territoryId', 'version'], { unique: true })
@Index('uq_orientation_rule_set_active', ['territoryId'], { unique: true, where: "status = 'active'" })
@Check('ck_orientation_rule_set_status', "status IN ('draft', 'active', 'retired')")
@Check('ck_orientation_rule_set_version', 'version >= 1')
export class OrientationRuleSetEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_orientation_rule_set' }) id!: string;
  @Column({ type: 'varchar', length: 40, name: 'territory_id' }) territoryId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'varchar', length: 8, default: 'draft' }) status!: string;
  @Column({ type: 'varchar', length: 160 }) label!: string;
  /** RuleSet.rules, validated by ruleSetProblems (a catch-all last). */
  @Column({ type: 'jsonb' }) rules!: unknown[];
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
  @Column({ type: 'timestamptz', name: 'activated_at', nullable: true }) activatedAt!: Date | null;
  @Column({ type: 'varchar', length: 200, name: 'activated_by', nullable: true }) activatedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'retired_at', nullable: true }) retiredAt!: Date | null;
}
