import type { FluxFooter, FluxHeader, HouseholdItem } from '../../domain/household-record';

/**
 * What `readVrsb` yields, in this order: one `header` (as soon as IdentificationFlux is read, before any
 * household), one `household` per `InfosFoyerRSA` (ok or faulty), one `end` (after TransmissionFlux and
 * `</Racine>`, once the counts agree). A file-level fault is thrown instead of the remaining events.
 */
export type VrsbEvent =
  | { type: 'header'; header: FluxHeader; encoding: string }
  | { type: 'household'; item: HouseholdItem }
  | { type: 'end'; footer: FluxFooter; households: number };
