import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * When and by which file a dossier was last carried, kept apart from the wide dossier row: every
 * import touches it for every household, even unchanged ones, and a narrow row makes that write
 * cheap (fillfactor 80 in the migration, so most of these updates stay on their page).
 */
@Entity({ name: 'beneficiary_dossier_seen' })
export class DossierSeenEntity {
  @PrimaryColumn({ type: 'uuid', name: 'dossier_id' }) dossierId!: string;
  /** Header time of the newest file that carried the dossier: data from an older file is ignored. */
  @Column({ type: 'timestamptz', name: 'last_flux_at' }) lastFluxAt!: Date;
  @Column({ type: 'uuid', name: 'last_file_id' }) lastFileId!: string;
  @Column({ type: 'uuid', name: 'last_stock_file_id', nullable: true }) lastStockFileId!: string | null;
  /** Set when a monthly (stock) file did not carry the dossier: a signal to reconcile, never a closure. */
  @Column({ type: 'date', name: 'not_seen_in_stock_since', nullable: true }) notSeenInStockSince!: string | null;
}
