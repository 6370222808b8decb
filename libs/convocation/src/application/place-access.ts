import { Permission, type Actor } from '@rsa/kernel';
import type { AccessContext, AccessPolicy } from '@rsa/access';

/** Why an actor may act on a place's appointments. */
export type PlaceBasis = 'place-staff' | 'territory';

/**
 * Who may work a place's appointments: its own staff (the professionals of the structure that runs
 * it, who receive the people there), or whoever works its territory (a coordinator, the call centre).
 * Anyone else is refused, and the refusal recorded.
 */
export async function requirePlace(
  policy: AccessPolicy,
  actor: Actor,
  permission: Permission,
  place: { territory_id: string; structure_id: string | null },
  context: AccessContext,
): Promise<PlaceBasis> {
  await policy.require(actor, permission, context);
  if (isPlaceStaff(actor, place)) return 'place-staff';
  await policy.requireTerritory(actor, permission, place.territory_id, context);
  return 'territory';
}

/** A professional of the structure that runs the place. */
export function isPlaceStaff(actor: Actor, place: { structure_id: string | null }): boolean {
  return actor.kind === 'user' && place.structure_id !== null && actor.structureId === place.structure_id;
}
