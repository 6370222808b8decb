import type { SqlRunner } from '@rsa/platform';
import { furthestFirst, type PathProgress, type PathStage } from './path-progress';
import { stalePathSql } from './stored-entry';

/**
 * One human under several person records: the CAF wrote them with another NIR, or the same name and
 * birth date in another dossier, and an operator's review of the anomaly found them one
 * (`same-person-caf-notified`). The records are never merged here (the CAF corrects its own data, and
 * a wrong merge cannot be undone); they share `human_id`, and the path follows the human:
 * - one open path for the human: a record does not enter while another record of the same human has
 *   a live path (the applier's `same-human-elsewhere`);
 * - when that path goes stale (its dossier's right ends, the person left it), a membership of another
 *   record that lets them in takes over, as for one record in two dossiers (the move to another
 *   demand), and the stale path is closed.
 */

/** A record the review linked to others. */
export interface LinkedRecord {
  humanId: string;
  /** The human's other records. */
  others: string[];
  /** One of the other records has a live path on the date asked: open, and not stale. */
  heldElsewhere: boolean;
}

/**
 * Of these records, those linked to others, each with the others and whether one of them has a live
 * path on `date` (YYYY-MM-DD). Nearly every record stands alone: probing the partial index of
 * linked records (`ix_beneficiary_person_linked`) makes this one cheap look-up per batch.
 */
export async function linkedRecords(runner: SqlRunner, personIds: string[], date: string): Promise<Map<string, LinkedRecord>> {
  if (personIds.length === 0) return new Map();
  const rows = await runner.query<{ person_id: string; human_id: string; others: string[]; held: boolean }>(
    `SELECT x.id AS person_id, x.human_id,
            ARRAY(SELECT o.id::text FROM beneficiary_person o WHERE o.human_id = x.human_id AND o.id <> x.id ORDER BY o.id) AS others,
            EXISTS (SELECT 1 FROM beneficiary_person o
                      JOIN beneficiary_path p ON p.person_id = o.id AND p.status = 'open'
                      JOIN beneficiary_dossier d ON d.id = p.dossier_id
                     WHERE o.human_id = x.human_id AND o.id <> x.id AND NOT ${stalePathSql('$2')}) AS held
       FROM beneficiary_person x
      WHERE x.human_id IS NOT NULL AND x.id = ANY($1::uuid[])`,
    [[...new Set(personIds)], date],
  );
  return new Map(rows.map((r) => [r.person_id, { humanId: r.human_id, others: r.others, heldElsewhere: r.held }]));
}

export interface SameHumanLink {
  /** The value every record of the human now holds in `human_id`. */
  humanId: string;
  /** All the human's records, these two and any linked to either before. */
  personIds: string[];
  /** The path that follows the human (see linkSameHuman); null when none is open. */
  keptPathId: string | null;
  /** How far the human's accompaniment had gone on the path kept (PathProgress). */
  keptStage: PathStage | null;
  /** Their other open paths, closed (`same-person`): the convocation planner ends what was under way on them. */
  closedPathIds: string[];
}

/**
 * Records that `personId` and `otherPersonId` are one human (with every record either was already
 * linked to), and leaves that human one open path. The one kept is, of those still live (stale
 * paths come back to life when a dossier's right reopens: two left open would convene the human
 * twice), the one their accompaniment went furthest on (`progress`: an orientation decided, a
 * diagnostic, an appointment attended, a convocation), then a flux path over a stock one (the
 * planner convenes it; a stock path waits for a campaign, and a review made before the planner saw
 * the flux path left the human convened on neither), then the earliest opened: the human was
 * notified first there. Without a live one, the same order over the open ones. The others are
 * closed (`same-person`); what was under way on them ends (the convocation planner cancels it,
 * with a notice).
 * Runs in the caller's transaction, which must hold the beneficiary-writes lock (no import runs
 * meanwhile); `date` (YYYY-MM-DD) is today's.
 */
export async function linkSameHuman(runner: SqlRunner, personId: string, otherPersonId: string, date: string, progress: PathProgress): Promise<SameHumanLink> {
  const heads = await runner.query<{ id: string; head: string }>(
    `SELECT id, coalesce(human_id, id)::text AS head FROM beneficiary_person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[personId, otherPersonId]],
  );
  const other = heads.find((h) => h.id === otherPersonId);
  if (heads.length !== 2 || !other) throw new Error('linkSameHuman needs two distinct, existing person records');
  // The record the anomaly found first gives the human its id (or the one its human already has).
  const humanId = other.head;
  const linked = await runner.query<{ id: string }>(
    `UPDATE beneficiary_person SET human_id = $1 WHERE id = ANY($2::uuid[]) OR human_id = ANY($2::uuid[]) RETURNING id`,
    [humanId, [...new Set(heads.map((h) => h.head))]],
  );
  const personIds = linked.map((r) => r.id).sort();
  const paths = await runner.query<{ id: string; live: boolean; origin: string }>(
    `SELECT p.id, p.origin, NOT ${stalePathSql('$2')} AS live
       FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id
      WHERE p.status = 'open' AND p.person_id = ANY($1::uuid[])
      ORDER BY p.opened_at, p.id
        FOR UPDATE OF p`,
    [personIds, date],
  );
  const stages = await progress.stagesOf(runner, paths.map((p) => p.id));
  const stage = (id: string): PathStage => stages.get(id) ?? 'opened';
  // Live first, then the furthest stage, then a flux path (the planner convenes it within its 15
  // days, where a stock path waits for a reprise campaign); the sort is stable, so the earliest
  // opened breaks ties.
  const flux = (p: { origin: string }) => (p.origin === 'flux' ? 1 : 0);
  const ranked = [...paths].sort((a, b) => Number(b.live) - Number(a.live) || furthestFirst(stage(a.id), stage(b.id)) || flux(b) - flux(a));
  const kept = ranked[0] ?? null;
  const toClose = kept ? paths.filter((p) => p.id !== kept.id).map((p) => p.id) : [];
  if (toClose.length > 0) {
    await runner.query(`UPDATE beneficiary_path SET status = 'closed', closed_at = now(), close_reason = 'same-person' WHERE id = ANY($1::uuid[])`, [toClose]);
  }
  return { humanId, personIds, keptPathId: kept?.id ?? null, keptStage: kept ? stage(kept.id) : null, closedPathIds: toClose };
}

/**
 * Records that `personId`, kept apart because another record holds its NIR with another birth date
 * (`nir-birthdate-conflict`), is a person of their own: the intake stops keeping them out of the
 * path for that NIR, and decides their entry again at the next import (`date`, today), whatever
 * file it is. Same transaction and lock as linkSameHuman. Returns whether the record exists.
 */
export async function markDistinctDespiteNir(runner: SqlRunner, personId: string, date: string): Promise<boolean> {
  const rows = await runner.query(`UPDATE beneficiary_person SET distinct_despite_nir = true WHERE id = $1 RETURNING id`, [personId]);
  await decideAgainAtNextImport(runner, [personId], date);
  return rows.length > 0;
}

/**
 * The current memberships of these records (`withoutOpenPath`: of those that have none) are decided
 * again at the next import, whatever it carries: the CAF may not send their dossier soon. Returns
 * the records concerned.
 */
async function decideAgainAtNextImport(runner: SqlRunner, personIds: string[], date: string, withoutOpenPath = false): Promise<string[]> {
  const rows = await runner.query<{ person_id: string }>(
    `UPDATE beneficiary_member m SET entry_recheck_on = $2
      WHERE m.person_id = ANY($1::uuid[]) AND m.detached_at IS NULL
        AND (NOT $3 OR NOT EXISTS (SELECT 1 FROM beneficiary_path p WHERE p.person_id = m.person_id AND p.status = 'open'))
      RETURNING m.person_id`,
    [personIds, date, withoutOpenPath],
  );
  return [...new Set(rows.map((r) => r.person_id))].sort();
}

/** Undoes markDistinctDespiteNir: the record is kept out of the path again while another holder of its NIR is followed. Returns whether it was marked. */
export async function undoDistinctDespiteNir(runner: SqlRunner, personId: string): Promise<boolean> {
  const rows = await runner.query(`UPDATE beneficiary_person SET distinct_despite_nir = false WHERE id = $1 AND distinct_despite_nir RETURNING id`, [personId]);
  return rows.length > 0;
}

export interface SameHumanUnlink {
  /** The record taken out of the human (null when it was linked to no one: nothing done). */
  personId: string | null;
  /** The records the human still has; a single one is no longer linked. */
  remainingPersonIds: string[];
  /** Records left with no open path, whose entry the next import decides again. */
  recheckPersonIds: string[];
}

/**
 * Undoes a link that a review got wrong: `personId` is a human of its own again. The records are
 * people of their own once more, each followed on their own path; but a path closed by the link
 * is not reopened here (a path opens with a CAF file, whose date starts the convocation clock), so
 * those of the records left without an open path are decided again at the next import, whatever it
 * carries (decideAgainAtNextImport, as for markDistinctDespiteNir); one who enters gets a path dated by
 * that file and is convened. A human left with one record is no longer linked. Same transaction and
 * lock as linkSameHuman; `date` (YYYY-MM-DD) is today's.
 */
export async function unlinkSameHuman(runner: SqlRunner, personId: string, date: string): Promise<SameHumanUnlink> {
  const [record] = await runner.query<{ human_id: string | null }>(`SELECT human_id FROM beneficiary_person WHERE id = $1 FOR UPDATE`, [personId]);
  if (!record?.human_id) return { personId: null, remainingPersonIds: [], recheckPersonIds: [] };
  await runner.query(`UPDATE beneficiary_person SET human_id = NULL WHERE id = $1`, [personId]);
  const remaining = (await runner.query<{ id: string }>(`SELECT id FROM beneficiary_person WHERE human_id = $1 ORDER BY id FOR UPDATE`, [record.human_id])).map((r) => r.id);
  if (remaining.length === 1) await runner.query(`UPDATE beneficiary_person SET human_id = NULL WHERE id = $1`, [remaining[0]]);
  const recheck = await decideAgainAtNextImport(runner, [personId, ...remaining], date, true);
  return { personId, remainingPersonIds: remaining, recheckPersonIds: recheck };
}
