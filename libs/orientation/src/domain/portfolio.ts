import { addWorkingDays } from '@rsa/kernel';
import type { StructureKind } from '@rsa/access';
import { DEFAULT_PORTFOLIO_CAPACITY, type Dominante } from './dominante';

/**
 * Referents and their portfolios (DOMAIN.md §6, L2516, L2582-2586). Capacity is per dominante
 * (60 Emploi, 70 Équilibre, 60 Remobilisation by default; a territory may set its own, Tourcoing
 * 50 for all). The first accompaniment appointment comes within 5 working days of the diagnostic
 * (DOMAIN.md §2.5).
 */
export const FIRST_APPOINTMENT_WORKING_DAYS = 5;

export function firstAppointmentDeadline(diagnosticDay: string): string {
  return addWorkingDays(diagnosticDay, FIRST_APPOINTMENT_WORKING_DAYS);
}

export type Capacity = Record<Dominante, number>;

export function capacityProblems(capacity: Capacity): string[] {
  return (Object.keys(DEFAULT_PORTFOLIO_CAPACITY) as Dominante[])
    .filter((d) => !Number.isInteger(capacity[d]) || capacity[d] < 1 || capacity[d] > 500)
    .map((d) => `${d}: a whole number of people, 1 to 500`);
}

export interface ReferentCandidate {
  professionalId: string;
  structureId: string;
  structureKind: StructureKind;
  territoryIds: string[];
  /** People in their portfolio now, by dominante. */
  load: Record<Dominante, number>;
  capacity: Capacity;
  /** Not available (leave, end of habilitation before the start). */
  available: boolean;
}

export interface ReferentSuggestion {
  professionalId: string;
  structureId: string;
  /** Room left in the dominante before this person joins. */
  room: number;
  /** Why this one, in words. */
  because: string[];
  overCapacity: boolean;
}

/**
 * The referent to suggest for a person oriented into `dominante` in `territoryId`, from structures
 * of the kinds the rule gave: among the available referents of those kinds who work in the territory,
 * the one with the most room left in that dominante (ties: the lightest whole portfolio, then the
 * id, so the suggestion is stable). Nobody with room: the least loaded, flagged over capacity
 * (assigning them needs a reason and raises an alert). Nobody at all: null.
 */
export function suggestReferent(candidates: readonly ReferentCandidate[], dominante: Dominante, territoryId: string, kinds: readonly StructureKind[]): ReferentSuggestion | null {
  const eligible = candidates.filter((c) => c.available && c.territoryIds.includes(territoryId) && kinds.includes(c.structureKind));
  if (eligible.length === 0) return null;
  const total = (c: ReferentCandidate) => Object.values(c.load).reduce((a, b) => a + b, 0);
  const room = (c: ReferentCandidate) => c.capacity[dominante] - c.load[dominante];
  const [best] = [...eligible].sort((a, b) => room(b) - room(a) || total(a) - total(b) || (a.professionalId < b.professionalId ? -1 : 1));
  const overCapacity = room(best) <= 0;
  const because = [
    `${eligible.length} referent(s) of ${kinds.join(', ')} in ${territoryId}`,
    overCapacity
      ? `none has room in ${dominante}: the least loaded (${best.load[dominante]} of ${best.capacity[dominante]})`
      : `the most room in ${dominante}: ${room(best)} of ${best.capacity[dominante]} places left`,
  ];
  return { professionalId: best.professionalId, structureId: best.structureId, room: room(best), because, overCapacity };
}
