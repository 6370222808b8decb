/**
 * Synthetic CAF bénéficiaire files (VRSB0801) for tests, the demo and benchmarks.
 * See CAF-FORMAT.md §14 for the format and the distributions followed.
 */
export { generateCafFile, writeManifest, type GenerateCafFileOptions } from './generate-caf-file';
export { generateHouseholds, resolveReferenceDate, DEFAULT_NUMORG, type GenerateHouseholdsOptions } from './generate-households';
export { writeVrsbFile, type WriteVrsbOptions, type WriteVrsbResult } from './vrsb-writer';
export { buildHeader, defaultReferenceDate, type GenHeader, type HeaderOptions } from './header';
export { defaultFileName } from './file-name';
export { CAF_ENCODINGS, parseEncoding, type CafEncoding } from './charset';
export { FAULT_CATALOG, FAULT_NAMES, SCHEMA_VALID_FAULTS, parseFaults, isFaultName, type FaultName, type FaultSpec } from './fault-catalog';
export {
  isExpectedEntrant,
  type GenManifest,
  type ManifestFault,
  type ManifestHousehold,
  type ManifestPerson,
  type ManifestTotals,
} from './manifest';
export type { Layout, LineEnding, RenderStyle } from './xml-emitter';
export type {
  AppliedFault,
  FaultExpectation,
  FaultLevel,
  FileKind,
  GenAddress,
  GenHousehold,
  GenIdentity,
  GenPerson,
  RoleRsa,
} from './model';
export { Rng, hashParts, type Seed } from './prng';
export { NORD_COMMUNES, type NordCommune } from './data/nord-communes';
