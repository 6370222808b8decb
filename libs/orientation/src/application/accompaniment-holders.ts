import { AccessDeniedError, AccessErrorCode, type Actor } from '@rsa/kernel';
import { activeGrantSql } from '@rsa/access';
import { SqlParams, type AuditTrail, type SqlRunner } from '@rsa/platform';

/** The part of an orientation period that says who accompanies the person. */
export interface Accompaniment {
  personId: string;
  /** The referent structure the person is oriented to (a Maison Nord Emploi, a France Travail agency, a partner). */
  structureId: string | null;
  referentId: string | null;
}

const NOT_HOLDER = 'not-the-accompaniment';

/**
 * Whoever may draw up and change a person's contract, or record their exit (which ends the
 * contract and the referent's portfolio): the one who holds the accompaniment, not everyone who can
 * read the file. That is the period's referent, anyone holding a referent's grant on the person (a
 * portfolio, a temporary transfer), a professional of the structure the person is oriented to (a
 * colleague standing in, a France Travail agency's counsellors for a PPAE), and those who work the
 * whole territory (its coordinators) or the system. A co-author of the diagnostic from another
 * structure reads the file, and is refused here. Called under the person's orientation lock, so the
 * period cannot change in between; the refusal is recorded by `recordingHolderRefusal`, once the
 * transaction has rolled back.
 */
export async function requireAccompaniment(runner: SqlRunner, actor: Actor, accompaniment: Accompaniment): Promise<void> {
  if (actor.kind !== 'user' || actor.scope === 'territory' || actor.scope === 'all') return;
  if (accompaniment.referentId !== null && actor.professionalId === accompaniment.referentId) return;
  if (accompaniment.structureId !== null && actor.structureId === accompaniment.structureId) return;
  const params = new SqlParams();
  const person = params.add(accompaniment.personId);
  const [{ held }] = await runner.query<{ held: boolean }>(
    `SELECT ${activeGrantSql({ professionalId: actor.professionalId, structureId: null }, `${person}::uuid`, params, 'referent')} AS held`,
    params.values,
  );
  if (held) return;
  throw new AccessDeniedError(AccessErrorCode.Forbidden, 'Only the referent who holds this accompaniment, their structure or the territory’s coordinators may do this', {
    reason: NOT_HOLDER,
  });
}

/** Runs `work`; a refusal by requireAccompaniment is written to the trail (outside the rolled-back transaction), then goes on. */
export function recordingHolderRefusal<T>(audit: AuditTrail, actor: Actor, context: { action: string; target: { type: string; id: string }; personId: string }, work: () => Promise<T>): Promise<T> {
  return audit.recordingRefusal(work, (error) =>
    error instanceof AccessDeniedError && error.details?.reason === NOT_HOLDER
      ? { actor, action: context.action, outcome: 'denied', target: context.target, subjectIds: [context.personId], detail: { code: error.code, reason: NOT_HOLDER } }
      : null,
  );
}
