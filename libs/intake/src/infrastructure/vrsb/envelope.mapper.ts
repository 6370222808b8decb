import type { FileKind, FluxFooter, FluxHeader } from '../../domain/household-record';
import { FileFaultError } from './file-fault.error';
import { normaliseDate, normaliseTime, parseCounter, timeZoneOf } from './vrsb-values';
import type { PlainBlock } from '../../domain/household-record';
import { textOf } from './plain-access';
import { LEAF_LIMITS } from './vrsb0801-schema';

/** CAF-FORMAT §3 (cnafGlossary.js): the kind comes from TYPEFLUX, never from the file name (§11). */
const KIND_BY_TYPEFLUX: Readonly<Record<string, FileKind>> = { I: 'daily', M: 'monthly', R: 'reprise' };

/** The first element the header or footer gives more than once (two TYPEFLUX: which kind is the file?), or null. */
function repeatedIn(block: PlainBlock): string | null {
  for (const [name, value] of Object.entries(block)) if (Array.isArray(value)) return name;
  return null;
}

function missingHeader(message: string): FileFaultError {
  return new FileFaultError('MISSING_HEADER', message);
}

/** There, but unusable: the operator asks the CAF for a corrected file, not for a missing block. */
function invalidHeader(message: string): FileFaultError {
  return new FileFaultError('INVALID_HEADER', message);
}

/**
 * The `IdentificationFlux` header. Faults are file-level (CAF-FORMAT §13.6): a file of another nature
 * (NATFLUX ≠ D: instruction, anomalies…) or frequency must not be read as bénéficiaires, and the creation
 * timestamp orders the files, so it must be present and real.
 */
export function mapFluxHeader(block: PlainBlock): FluxHeader {
  const repeated = repeatedIn(block);
  if (repeated) throw invalidHeader(`IdentificationFlux/${repeated} appears more than once; the header gives each value once`);
  const natFlux = textOf(block, 'NATFLUX');
  if (natFlux !== 'D') {
    throw new FileFaultError(
      'UNKNOWN_NATFLUX',
      natFlux === null
        ? 'IdentificationFlux/NATFLUX is missing'
        : 'IdentificationFlux/NATFLUX is not D (bénéficiaires, VRSB), the only nature read here',
    );
  }
  const typeFlux = textOf(block, 'TYPEFLUX');
  const kind = typeFlux === null ? undefined : KIND_BY_TYPEFLUX[typeFlux];
  if (typeFlux === null || kind === undefined) {
    throw new FileFaultError(
      'UNKNOWN_TYPEFLUX',
      typeFlux === null
        ? 'IdentificationFlux/TYPEFLUX is missing'
        : 'IdentificationFlux/TYPEFLUX is not I (daily), M (monthly) or R (reprise)',
    );
  }
  const applieme = textOf(block, 'APPLIEME');
  if (applieme === null) throw missingHeader('IdentificationFlux/APPLIEME is missing');
  const numVersionApplieme = textOf(block, 'NUMVERSIONAPPLIEME');
  if (numVersionApplieme === null) throw missingHeader('IdentificationFlux/NUMVERSIONAPPLIEME is missing');
  // Kept in the registry and compared between files: held to the schema, as household values are.
  for (const [name, value] of [['APPLIEME', applieme], ['NUMVERSIONAPPLIEME', numVersionApplieme]] as const) {
    const max = LEAF_LIMITS.get(name)?.max ?? 0;
    if (value.length > max) throw invalidHeader(`IdentificationFlux/${name} is longer than the ${max} characters vrsb0801.xsd allows`);
  }

  const rawDate = textOf(block, 'DTCREAFLUX');
  if (rawDate === null) throw missingHeader('IdentificationFlux/DTCREAFLUX (creation date) is missing');
  const dtCreaFlux = normaliseDate(rawDate);
  if (dtCreaFlux === undefined) throw invalidHeader('IdentificationFlux/DTCREAFLUX is not a real date');

  const rawTime = textOf(block, 'HEUCREAFLUX');
  if (rawTime === null) throw missingHeader('IdentificationFlux/HEUCREAFLUX (creation time) is missing');
  const heuCreaFlux = normaliseTime(rawTime);
  if (heuCreaFlux === undefined) throw invalidHeader('IdentificationFlux/HEUCREAFLUX is not a time');

  // Mandatory in vrsb0801.xsd (only instruction files, another NATFLUX, go without): a stock's data is
  // as old as the period it describes, so without it a monthly file could pass for newer than it is.
  const rawRef = textOf(block, 'DTREF');
  if (rawRef === null) throw missingHeader('IdentificationFlux/DTREF (reference date) is missing');
  const dtRef = normaliseDate(rawRef);
  if (dtRef === undefined) throw invalidHeader('IdentificationFlux/DTREF is not a real date');

  return { applieme, numVersionApplieme, typeFlux, natFlux, dtCreaFlux, heuCreaFlux, heuCreaFluxZone: timeZoneOf(rawTime), dtRef, kind };
}

/** The `TransmissionFlux` footer: the announced count is the completeness check (CAF-FORMAT §3). */
export function mapFluxFooter(block: PlainBlock): FluxFooter {
  const repeated = repeatedIn(block);
  if (repeated) throw new FileFaultError('INVALID_FOOTER', `TransmissionFlux/${repeated} appears more than once; the footer gives each value once`);
  const rawTotal = textOf(block, 'NBTOTDOSRSATRANSM');
  if (rawTotal === null) throw new FileFaultError('MISSING_FOOTER', 'TransmissionFlux/NBTOTDOSRSATRANSM is missing');
  const nbTotDosRsaTransm = parseCounter(rawTotal);
  if (nbTotDosRsaTransm === undefined) {
    throw new FileFaultError('INVALID_FOOTER', 'TransmissionFlux/NBTOTDOSRSATRANSM is not a count of at most 8 digits');
  }
  const rawAno = textOf(block, 'NBTOTDOSRSATRANSMANO');
  if (rawAno === null) throw new FileFaultError('MISSING_FOOTER', 'TransmissionFlux/NBTOTDOSRSATRANSMANO is missing');
  const nbTotDosRsaTransmAno = parseCounter(rawAno);
  if (nbTotDosRsaTransmAno === undefined) {
    throw new FileFaultError('INVALID_FOOTER', 'TransmissionFlux/NBTOTDOSRSATRANSMANO is not a count of at most 8 digits');
  }
  return { nbTotDosRsaTransm, nbTotDosRsaTransmAno };
}
