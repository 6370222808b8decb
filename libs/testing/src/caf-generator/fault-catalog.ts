import type { FaultExpectation, FaultLevel } from './model';

/**
 * Every fault the generator can inject, with what the project's intake must do about it
 * (CAF-FORMAT.md §13.6 and §14.4): reject the whole file, reject one household, store and flag,
 * or simply accept.
 */
export interface FaultSpec {
  level: FaultLevel;
  expected: FaultExpectation;
  description: string;
}

export const FAULT_CATALOG = {
  // File-level: the whole file must be rejected.
  truncated: { level: 'file', expected: 'file-rejected', description: 'file cut in the middle of a household, no </Racine>' },
  'missing-footer': { level: 'file', expected: 'file-rejected', description: 'no TransmissionFlux block' },
  'missing-header': { level: 'file', expected: 'file-rejected', description: 'no IdentificationFlux block' },
  'count-mismatch': { level: 'file', expected: 'file-rejected', description: 'NBTOTDOSRSATRANSM is one more than the households written' },
  'utf8-declared-cp1252': { level: 'file', expected: 'file-rejected', description: 'UTF-8 bytes (with accents) in a file declaring windows-1252' },
  'cp1252-declared-utf8': { level: 'file', expected: 'file-rejected', description: 'windows-1252 bytes (with accents) in a file declaring UTF-8' },
  'unknown-natflux': { level: 'file', expected: 'file-rejected', description: 'NATFLUX X' },
  'unknown-typeflux': { level: 'file', expected: 'file-rejected', description: 'TYPEFLUX Q' },
  'malformed-xml': { level: 'file', expected: 'file-rejected', description: 'an element left unclosed in the middle of the file' },
  // File-level variants that are valid.
  bom: { level: 'file', expected: 'accepted', description: 'UTF-8 file starting with a byte order mark' },
  'padded-values': { level: 'file', expected: 'accepted', description: 'text values right-padded with spaces to their maximum length' },
  'empty-elements': { level: 'file', expected: 'accepted', description: 'optional elements written self-closed (<PRENOM2 />)' },
  'booleans-true-false': { level: 'file', expected: 'accepted', description: 'booleans written true/false instead of 1/0' },
  'time-fraction': { level: 'file', expected: 'accepted', description: 'HEUCREAFLUX with a 2-digit fraction (03:00:17.52)' },
  // Record-level: that household rejected, the rest accepted.
  'missing-donnees-administratives': { level: 'record', expected: 'household-rejected', description: 'InfosFoyerRSA without DonneesAdministratives' },
  'missing-prestation-rsa': { level: 'record', expected: 'household-rejected', description: 'InfosFoyerRSA without PrestationRSA' },
  'invalid-date': { level: 'record', expected: 'household-rejected', description: 'DTNAI 2023-02-30' },
  'unparsable-decimal': { level: 'record', expected: 'household-rejected', description: 'MTREVMINIGARARSA 12,5A' },
  'missing-numdemrsa': { level: 'record', expected: 'household-rejected', description: 'DemandeRSA without NUMDEMRSA' },
  // Flagged but accepted.
  'unknown-etatdosrsa': { level: 'record', expected: 'flagged', description: 'ETATDOSRSA 9' },
  'unknown-motif': { level: 'record', expected: 'flagged', description: 'ETATDOSRSA 4 with MOTISUSVERSRSA ZZ' },
  'nir-bad-key': { level: 'record', expected: 'flagged', description: '15-character NIR whose key is wrong' },
  'missing-nir': { level: 'record', expected: 'flagged', description: 'demandeur without NIR' },
  'typedtnai-o': { level: 'record', expected: 'flagged', description: 'TYPEDTNAI O with DTNAI on 01-01' },
  'nir-conflict': { level: 'record', expected: 'flagged', description: 'two different people in two dossiers with the same NIR and different DTNAI' },
  // Accepted edge cases.
  'nir-15': { level: 'record', expected: 'accepted', description: 'valid 15-character NIR (with key)' },
  'out-of-order': { level: 'record', expected: 'accepted', description: 'children of Organisme, Identification, TroncCommunAdresse not in xsd:sequence order' },
  'anomalie-blocks': { level: 'record', expected: 'accepted', description: 'Anomalie/LIBANO blocks (with & < > \' in the text)' },
  'duplicate-numdemrsa': { level: 'record', expected: 'accepted', description: 'the same NUMDEMRSA twice with different content: the last one wins' },
  'same-person-two-dossiers': { level: 'record', expected: 'accepted', description: 'one person (same NIR and DTNAI) in a closed dossier and a new one with NUMDEMRSAPRECE' },
} as const satisfies Record<string, FaultSpec>;

export type FaultName = keyof typeof FAULT_CATALOG;
export const FAULT_NAMES = Object.keys(FAULT_CATALOG) as FaultName[];

export function isFaultName(name: string): name is FaultName {
  return Object.prototype.hasOwnProperty.call(FAULT_CATALOG, name);
}

export function parseFaults(names: readonly string[]): FaultName[] {
  const unknown = names.filter((n) => !isFaultName(n));
  if (unknown.length) throw new RangeError(`unknown fault(s): ${unknown.join(', ')} (known: ${FAULT_NAMES.join(', ')})`);
  const faults = [...new Set(names)] as FaultName[];
  const encodingFaults = faults.filter((f) => f === 'bom' || f === 'utf8-declared-cp1252' || f === 'cp1252-declared-utf8');
  if (encodingFaults.length > 1) throw new RangeError(`faults ${encodingFaults.join(', ')} all set the encoding: pick one`);
  return faults;
}

/** Faults that keep a file valid against vrsb0801.xsd (used by the CI schema check). */
export const SCHEMA_VALID_FAULTS: readonly FaultName[] = [
  'bom',
  'padded-values',
  'empty-elements',
  'booleans-true-false',
  'time-fraction',
  'unknown-etatdosrsa',
  'unknown-motif',
  'nir-bad-key',
  'missing-nir',
  'typedtnai-o',
  'nir-conflict',
  'nir-15',
  'anomalie-blocks',
  'duplicate-numdemrsa',
  'same-person-two-dossiers',
];
