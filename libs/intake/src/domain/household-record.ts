/**
 * The reader's contract: the CAF household snapshot types belong to the beneficiary context (which
 * applies them); the file-level types (header, footer, faults) belong to intake.
 */
export type {
  PlainValue,
  PlainBlock,
  UnknownCode,
  PersonRecord,
  AddressRecord,
  HouseholdRecord,
} from '@rsa/beneficiary';
import type { HouseholdRecord } from '@rsa/beneficiary';

export type FileKind = 'daily' | 'monthly' | 'reprise';

export interface FluxHeader {
  applieme: string;
  numVersionApplieme: string;
  /** I = infra-mensuel (daily), M = mensuel, R = reprise. */
  typeFlux: string;
  /** D = bénéficiaires (the only nature this reader accepts). */
  natFlux: string;
  dtCreaFlux: string;
  /** Normalised to `HH:MM:SS.ffffff` whatever fraction the CAF wrote (`01:18:36.0000`, `03:00:17.52`). */
  heuCreaFlux: string;
  /**
   * The time zone HEUCREAFLUX gave (`Z`, `+01:00`: xsd:time allows one), or null: then, as in the
   * files CAF-FORMAT shows, the time is Paris time. Absent from headers registered before it was read.
   */
  heuCreaFluxZone?: string | null;
  dtRef: string | null;
  kind: FileKind;
}

export interface FluxFooter {
  nbTotDosRsaTransm: number;
  nbTotDosRsaTransmAno: number | null;
}

/** A household the reader could not map: rejected alone, the rest of the file goes on. */
export interface RecordFault {
  numdemrsa: string | null;
  matricule: string | null;
  /** Where in the block, e.g. `InfosFoyerRSA/Personne[2]/Identification/DTNAI`. */
  path: string;
  message: string;
}

/** What the reader yields for each `InfosFoyerRSA`, in file order. */
export type HouseholdItem =
  | { ok: true; ordinal: number; record: HouseholdRecord; rawXml: string }
  | { ok: false; ordinal: number; fault: RecordFault; rawXml: string };

export type FileFaultCode =
  | 'UNDECODABLE'
  | 'MALFORMED_XML'
  | 'MISSING_HEADER'
  /** A header value that is there but unusable: an impossible date or time, a value given twice. */
  | 'INVALID_HEADER'
  /** A header dated later than now (beyond a margin for clocks): applied, it would freeze its dossiers. */
  | 'FUTURE_DATED'
  | 'MISSING_FOOTER'
  /** A footer count that is not a count of at most 8 digits, or given twice. */
  | 'INVALID_FOOTER'
  | 'UNKNOWN_NATFLUX'
  | 'UNKNOWN_TYPEFLUX'
  | 'COUNT_MISMATCH'
  | 'TRUNCATED'
  | 'UNSUPPORTED_ENCODING'
  | 'EMPTY_FILE';
