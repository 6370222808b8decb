import type { FluxFooter, FluxHeader, HouseholdItem } from '../../domain/household-record';

/**
 * What `readVrsb` yields, in this order: one `header` (as soon as IdentificationFlux is read, before any
 * household), one `household` per `InfosFoyerRSA` (ok or faulty), one `end` (after TransmissionFlux and
 * `</Racine>`, once the counts agree). A file-level fault is thrown instead of the remaining events.
 */
export type VrsbEvent =
  | { type: 'header'; header: FluxHeader; encoding: string }
  /** `sha256`: of `item.rawXml`, the household's block as it stands in the file. */
  | { type: 'household'; item: HouseholdItem; sha256: string }
  /** A household the caller said it already holds byte for byte (`knownBlocks`): checked by saxes, not mapped. */
  | { type: 'known-household'; ordinal: number; numdemrsa: string; sha256: string; persons: number }
  | { type: 'end'; footer: FluxFooter; households: number };
