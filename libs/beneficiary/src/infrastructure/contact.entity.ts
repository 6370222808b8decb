import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How to reach a beneficiary: product data (the CAF files carry none), entered by a referent or
 * the call centre, with the person's consent to email and SMS (DOMAIN.md §2.2, L2849).
 */
@Entity({ name: 'beneficiary_contact' })
export class ContactEntity {
  @PrimaryColumn({ type: 'uuid', name: 'person_id', primaryKeyConstraintName: 'pk_beneficiary_contact' }) personId!: string;
  /** E.164 (`+33612345678`). */
  @Column({ type: 'varchar', length: 16, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @Column({ type: 'boolean', name: 'sms_consent', default: false }) smsConsent!: boolean;
  @Column({ type: 'boolean', name: 'email_consent', default: false }) emailConsent!: boolean;
  /** When the person last gave (again, as for a new number) or withdrew consent. */
  @Column({ type: 'timestamptz', name: 'consent_at', nullable: true }) consentAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'varchar', length: 200, name: 'updated_by' }) updatedBy!: string;
}
