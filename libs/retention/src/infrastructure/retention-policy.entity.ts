import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How long one category of data is kept before the nightly job anonymises or deletes it. */
@Entity({ name: 'retention_policy' })
export class RetentionPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_retention_policy' }) category!: string;
  @Column({ type: 'integer' }) months!: number;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'updated_by' }) updatedBy!: string;
}
