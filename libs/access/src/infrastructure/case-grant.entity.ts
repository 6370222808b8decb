import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { GrantBasis } from '../domain/grant-basis';
import { ProfessionalEntity } from './professional.entity';
import { StructureEntity } from './structure.entity';

/**
 * Who may see one beneficiary's file beyond their territory's coordinators: the referent of their
 * portfolio, the members of their case, the partner operator or France Travail agency they were
 * oriented to or shared with. Exactly one of professional and structure. Revoked, never deleted.
 * `person_id` has no foreign key: beneficiary persons belong to another context (and a grant must
 * survive the person's anonymisation as a bare id).
 */
@Entity({ name: 'access_case_grant' })
@Check('ck_access_case_grant_grantee', 'num_nonnulls(professional_id, structure_id) = 1')
export class CaseGrantEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_access_case_grant' }) id!: string;
  @Index('ix_access_case_grant_person')
  @Column({ type: 'uuid', name: 'person_id' })
  personId!: string;
  @Index('ix_access_case_grant_professional')
  @Column({ type: 'uuid', name: 'professional_id', nullable: true })
  professionalId!: string | null;
  @Index('ix_access_case_grant_structure')
  @Column({ type: 'uuid', name: 'structure_id', nullable: true })
  structureId!: string | null;
  @Column({ type: 'varchar', length: 24 }) basis!: GrantBasis;
  @Column({ type: 'varchar', length: 40, name: 'reason_code' }) reasonCode!: string;
  @Column({ type: 'timestamptz', name: 'valid_from' }) validFrom!: Date;
  @Column({ type: 'timestamptz', name: 'valid_to', nullable: true }) validTo!: Date | null;
  @Column({ type: 'varchar', length: 200, name: 'granted_by' }) grantedBy!: string;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'varchar', length: 200, name: 'revoked_by', nullable: true }) revokedBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;

  @ManyToOne(() => ProfessionalEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'professional_id', foreignKeyConstraintName: 'fk_access_case_grant_professional' })
  professional?: ProfessionalEntity | null;

  @ManyToOne(() => StructureEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'structure_id', foreignKeyConstraintName: 'fk_access_case_grant_structure' })
  structure?: StructureEntity | null;
}
