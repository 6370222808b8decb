import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export interface OpeningHours {
  /** 1 = Monday … 5 = Friday (6, 7 for the odd Saturday session). */
  weekday: number;
  /** HH:MM, Paris. */
  from: string;
  to: string;
}

/** Where appointments happen: a Maison Nord Emploi site or a partner's. */
@Entity({ name: 'convocation_place' })
export class PlaceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_convocation_place' }) id!: string;
  @Index('ix_convocation_place_territory')
  @Column({ type: 'varchar', length: 40, name: 'territory_id' })
  territoryId!: string;
  @Column({ type: 'uuid', name: 'structure_id', nullable: true }) structureId!: string | null;
  @Column({ type: 'varchar', length: 160 }) name!: string;
  @Column({ type: 'text', array: true, name: 'address_lines' }) addressLines!: string[];
  @Column({ type: 'varchar', length: 5 }) postcode!: string;
  @Column({ type: 'varchar', length: 80 }) city!: string;
  @Column({ type: 'varchar', length: 300, name: 'access_information', nullable: true }) accessInformation!: string | null;
  /** The number printed on letters to move an appointment (the call centre). */
  @Column({ type: 'varchar', length: 20, name: 'contact_phone' }) contactPhone!: string;
  @Column({ type: 'varchar', length: 120, name: 'contact_hours' }) contactHours!: string;
  @Column({ type: 'jsonb', name: 'opening_hours' }) openingHours!: OpeningHours[];
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
