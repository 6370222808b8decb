export { readVrsb, type ReadVrsbOptions } from './vrsb-reader';
export type { BlockCandidate, KnownBlocks } from './block-prescan';
export type { VrsbEvent } from './vrsb-event';
export type { VrsbInput } from './input-chunks';
export { rawParse, type RawParseResult } from './raw-parse';
export { FileFaultError } from './file-fault.error';
export { parseHouseholdXml } from './household-xml.parser';
export { repeatedNumdemrsas } from './numdemrsa-census';
