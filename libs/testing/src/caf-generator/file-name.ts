import type { GenHeader } from './header';
import type { FileKind } from './model';
import { hashParts, type Seed } from './prng';

const FAMILY_BY_KIND: Readonly<Record<FileKind, string>> = { daily: 'RSABEI', monthly: 'RSABEM', reprise: 'RSABER' };

/**
 * Name in the style of the real deliveries (§11): `NRSACGIM_RSABEM_20261105_A0000001.RCV`
 * (RSABEI for daily files; RSABER for reprise files is our own invention, no real one was seen).
 * The batch number comes from the seed, so two seeds never share a name on the same day.
 */
export function defaultFileName(header: GenHeader, kind: FileKind, seed: Seed): string {
  const batch = String(hashParts(seed, kind, 'batch') % 10_000_000).padStart(7, '0');
  return `NRSACGIM_${FAMILY_BY_KIND[kind]}_${header.dtcreaflux.replace(/-/g, '')}_A${batch}.RCV`;
}
