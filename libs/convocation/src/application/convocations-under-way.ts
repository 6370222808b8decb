import { parisDateOf } from '@rsa/kernel';
import { currentEntries, type PathProgress, type PathStage } from '@rsa/beneficiary';
import { ADVISORY_LOCKS, type SqlRunner } from '@rsa/platform';
import type { TrackState } from '../domain/convocation-track';
import { afterCancelling, EVENT_INSERT, bulk } from './convocation-sql';
import { writeCancellationNotices, writeInvitationWithdrawals, type WithdrawnInvitation } from './cancellation-notices';
import type { DueMessage } from './convocation-jobs';

/** Track states of a convocation still under way: nothing honoured yet, something may be sent. */
const UNDER_WAY: readonly TrackState[] = ['to-plan', 'invited', 'convened', 'no-slot'];
const ACTIVE_APPOINTMENT_SQL = `('planned', 'confirmed', 'moved')`;
const BY = 'system:convocation-planner';
const PAST_FIRST_APPOINTMENT: ReadonlySet<PathStage> = new Set<PathStage>(['attended', 'diagnosed', 'oriented']);
const PAST_THE_CONVOCATION: ReadonlySet<PathStage> = new Set<PathStage>(['diagnosed', 'oriented']);

export interface ClosedPathReport {
  /** Convocations under way moved, with their appointment and messages, onto the person's new path. */
  carriedOver: number;
  /** Convocations under way ended with their path: appointments cancelled, pending messages dropped. */
  ended: number;
  /** The persons concerned, for the audit entry. */
  personIds: string[];
  /** Cancellation notices written, due now. */
  dueNow: DueMessage[];
}

interface ClosedTrack {
  path_id: string;
  person_id: string;
  territory_id: string | null;
  new_path_id: string | null;
  new_territory_id: string | null;
  /** The new path has a track or an appointment of its own already. */
  new_convened: boolean;
  close_reason: string | null;
  state: TrackState;
  invited_on: string | null;
  deadline: string;
  origin: string;
  new_person_id: string | null;
  new_origin: string | null;
}

/**
 * A path the CAF intake closed (someone back with a new demand: CAF-FORMAT §13.3, the old dossier's
 * right is over and the new dossier opened a path of its own; or someone who left the household
 * for a dossier of their own, `left-household`; one human found under two records, `same-person`,
 * whose path follows on the other record's) may still have a convocation under way:
 * an invitation, an appointment with its reminders in the outbox. Left there, the person would get
 * the old path's letters and then a second convocation for the new path.
 *
 * The new path is the person's, or another record's of the same human (same-human.ts).
 * - If the new path is in the same territory and has no convocation of its own yet, the convocation
 *   goes on for it: the track, the active appointments (an event each, the path's close reason), the
 *   pending messages and the open alerts are moved onto the new path, whose later deadline then
 *   applies. The person keeps the appointment they were given.
 * - Otherwise (another territory, whose places the old appointment is not in; no open path; a new
 *   path already tracked or booked), the old convocation ends: appointments still to come are
 *   cancelled (reason `path-closed`, the slot freed, a `cancelled` notice), pending
 *   messages cancelled, open alerts resolved, the track closed. The new path is convened in its own
 *   territory as any new entrant; a stock path, which campaigns convene rather than the daily
 *   planning, gets a track of its own here, with the deadline the convocation had.
 * - A new path already past the first appointment (attended, diagnosed, oriented, as PathProgress
 *   reads it) gets no convocation: the old one ends, as when the new path has one of its own.
 * - Several closed paths leading to one new path (one human under several records) give it one
 *   convocation: the one with the soonest appointment still to come carries over (or is convened
 *   anew), the others end.
 *
 * Runs at the start of each planning, before new paths are registered, under the planning lock.
 */
export async function followClosedPaths(runner: SqlRunner, now: Date, progress: PathProgress): Promise<ClosedPathReport> {
  await runner.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.convocationPlanning]);
  const closed = await runner.query<ClosedTrack>(
    `SELECT t.path_id, t.person_id, t.territory_id, t.state, to_char(t.invited_on, 'YYYY-MM-DD') AS invited_on, op.close_reason,
            to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.origin,
            np.id AS new_path_id, np.person_id AS new_person_id, np.origin AS new_origin, tc.territory_id AS new_territory_id,
            (EXISTS (SELECT 1 FROM convocation_track nt WHERE nt.path_id = np.id)
              OR EXISTS (SELECT 1 FROM convocation_appointment na WHERE na.path_id = np.id AND na.status IN ${ACTIVE_APPOINTMENT_SQL})) AS new_convened
       FROM convocation_track t
       JOIN beneficiary_path op ON op.id = t.path_id AND op.status = 'closed'
       JOIN beneficiary_person tp ON tp.id = t.person_id
       LEFT JOIN LATERAL (SELECT p.id, p.dossier_id, p.person_id, p.origin FROM beneficiary_path p
                           WHERE p.status = 'open'
                             AND (p.person_id = t.person_id
                                  OR (tp.human_id IS NOT NULL AND p.person_id IN (SELECT o.id FROM beneficiary_person o WHERE o.human_id = tp.human_id)))
                           ORDER BY p.opened_at DESC, p.id LIMIT 1) np ON TRUE
       LEFT JOIN beneficiary_dossier nd ON nd.id = np.dossier_id
       LEFT JOIN access_territory_commune tc ON tc.insee = nd.commune_insee
       LEFT JOIN convocation_appointment ca ON ca.id = t.appointment_id AND ca.status IN ${ACTIVE_APPOINTMENT_SQL} AND ca.starts_at > $2
      WHERE t.state = ANY($1::varchar[])
      ORDER BY ca.starts_at IS NULL, ca.starts_at, t.path_id
        FOR UPDATE OF t`,
    [UNDER_WAY, now],
  );
  // A new path already past the first appointment (attended, diagnosed, oriented: the review kept
  // it for that) needs no convocation: the old one ends, none is carried over or opened for it.
  const candidates = [...new Set(closed.filter((t) => t.new_path_id !== null && !t.new_convened).map((t) => t.new_path_id as string))];
  if (candidates.length > 0) {
    const stages = await progress.stagesOf(runner, candidates);
    for (const t of closed) if (t.new_path_id && PAST_FIRST_APPOINTMENT.has(stages.get(t.new_path_id) ?? 'opened')) t.new_convened = true;
  }
  const report: ClosedPathReport = { carriedOver: 0, ended: 0, personIds: [], dueNow: [] };
  // New paths given a convocation in this run: several closed paths of one human (two records
  // found one, say) may lead to the same new path, which takes one of them only.
  const taken = new Set<string>();
  for (const t of closed) {
    report.personIds.push(t.person_id);
    const newPathFree = t.new_path_id !== null && !t.new_convened && !taken.has(t.new_path_id);
    if (newPathFree && t.new_territory_id === t.territory_id) {
      await carryOver(runner, t.path_id, t.new_path_id as string, t.close_reason ?? 'path-closed', now);
      taken.add(t.new_path_id as string);
      report.carriedOver++;
      if (t.new_person_id && t.new_person_id !== t.person_id) report.personIds.push(t.new_person_id);
      continue;
    }
    report.dueNow.push(...(await end(runner, t, now)));
    report.ended++;
    if (newPathFree && t.new_origin !== 'flux') {
      // A stock path is convened by campaigns, not as an entrant: the convocation owed here goes on
      // for it where the person lives now, within the deadline it had.
      await runner.query(
        `INSERT INTO convocation_track (path_id, person_id, territory_id, state, deadline, origin, next_action_at, updated_at)
         SELECT p.id, p.person_id, $2, 'to-plan', GREATEST($3::date, p.convocation_deadline), $4, $5, $5 FROM beneficiary_path p WHERE p.id = $1
         ON CONFLICT (path_id) DO NOTHING`,
        [t.new_path_id, t.new_territory_id, t.deadline, t.origin, now],
      );
      taken.add(t.new_path_id as string);
      if (t.new_person_id && t.new_person_id !== t.person_id) report.personIds.push(t.new_person_id);
    }
  }
  return report;
}

async function carryOver(runner: SqlRunner, from: string, to: string, reason: string, now: Date): Promise<void> {
  // The new path may be another record's of the same human: what moves goes under that record.
  await runner.query(
    // A convocation still to book (held until the next day, say, or waiting for a slot) is planned
    // again at once for the new path: the new demand's 15 days have begun.
    `UPDATE convocation_track t SET path_id = $2, person_id = p.person_id, origin = p.origin, deadline = GREATEST(t.deadline, p.convocation_deadline), updated_at = $3,
            next_action_at = CASE WHEN t.state IN ('to-plan', 'no-slot') THEN $3 ELSE t.next_action_at END
       FROM beneficiary_path p WHERE t.path_id = $1 AND p.id = $2`,
    [from, to, now],
  );
  const moved = await runner.query<{ id: string; status: string }>(
    `UPDATE convocation_appointment a SET path_id = $2, person_id = p.person_id, updated_at = $3
       FROM beneficiary_path p WHERE a.path_id = $1 AND a.status IN ${ACTIVE_APPOINTMENT_SQL} AND p.id = $2 RETURNING a.id, a.status`,
    [from, to, now],
  );
  await bulk(
    runner,
    EVENT_INSERT,
    moved.map((a) => ({ appointment_id: a.id, status_from: a.status, status_to: a.status, at: now, by: BY, reason, detail: { fromPath: from, toPath: to } })),
  );
  await runner.query(
    `UPDATE notification_message m SET path_id = $2, person_id = p.person_id FROM beneficiary_path p WHERE m.path_id = $1 AND m.status = 'pending' AND p.id = $2`,
    [from, to],
  );
  await runner.query(
    `UPDATE convocation_alert l SET path_id = $2, person_id = p.person_id FROM beneficiary_path p WHERE l.path_id = $1 AND l.resolved_at IS NULL AND p.id = $2`,
    [from, to],
  );
}

/**
 * Ends the convocation of a closed path (cancelUpcoming; an invitation to book is withdrawn), then
 * its pending messages, alerts and track. The `cancelled` or `invitation-withdrawn` notice goes to
 * the address of the new path's dossier when there is one (they moved), so it does not go to the
 * old place; the new path's convocation follows.
 */
async function end(
  runner: SqlRunner,
  t: Pick<ClosedTrack, 'path_id' | 'person_id' | 'new_path_id' | 'state' | 'invited_on'>,
  now: Date,
  reason: 'path-closed' | 'already-diagnosed' = 'path-closed',
): Promise<DueMessage[]> {
  const noticePathId = t.new_path_id ?? t.path_id;
  const notices = await cancelUpcoming(runner, t.path_id, noticePathId, reason, now);
  if (t.state === 'invited' && t.invited_on) {
    notices.push(...(await writeInvitationWithdrawals(runner, [{ pathId: t.path_id, invitedOn: t.invited_on, personId: t.person_id, noticePathId }], now)));
  }
  await runner.query(
    `UPDATE notification_message SET status = 'cancelled', outcome = $2 WHERE path_id = $1 AND status = 'pending' AND kind NOT IN ('cancelled', 'invitation-withdrawn')`,
    [t.path_id, reason],
  );
  await runner.query(`UPDATE convocation_alert SET resolved_at = $2, resolved_by = $3 WHERE path_id = $1 AND resolved_at IS NULL`, [t.path_id, now, BY]);
  await runner.query(`UPDATE convocation_track SET state = 'closed', next_action_at = NULL, updated_at = $2 WHERE path_id = $1`, [t.path_id, now]);
  return notices;
}

/**
 * Cancels a path's appointments still to come (the slot freed, an event with `reason`, their
 * pending messages dropped) and writes the `cancelled` notices that tell the person not to go, the
 * way they were told of it (writeCancellationNotices), filed under `letterPathId` (whose dossier
 * gives the address). An appointment already begun stays as it is: the person may have come, and
 * the referent records it.
 */
async function cancelUpcoming(runner: SqlRunner, pathId: string, letterPathId: string, reason: string, now: Date): Promise<DueMessage[]> {
  const cancelled = await runner.query<{ id: string; status: string; slot_id: string; person_id: string; version: number; starts_at: Date }>(
    `UPDATE convocation_appointment a SET status = 'cancelled', updated_at = $2
       FROM convocation_appointment b WHERE a.id = b.id AND a.path_id = $1 AND a.status IN ${ACTIVE_APPOINTMENT_SQL} AND a.starts_at > $2
     RETURNING a.id, b.status, a.slot_id, a.person_id, a.version, a.starts_at`,
    [pathId, now],
  );
  if (cancelled.length === 0) return [];
  await afterCancelling(runner, cancelled, { by: BY, reason, at: now });
  return writeCancellationNotices(
    runner,
    cancelled.map((a) => ({ id: a.id, version: a.version, startsAt: new Date(a.starts_at), personId: a.person_id, pathId: letterPathId })),
    now,
  );
}

export interface HeldReport {
  /** Convened or invited people the entry rule no longer lets in: their appointment to come is cancelled, their invitation withdrawn. */
  held: number;
  /** Convocations ended because their path already has its diagnostic or orientation (pastTheConvocation). */
  alreadyDiagnosed: number;
  personIds: string[];
  dueNow: DueMessage[];
}

/** Someone the entry rule no longer lets in (right closed, left, moved away…) is looked at again a day later. */
export const HELD_RETRY_MS = 24 * 60 * 60_000;

/**
 * Paths whose first (orientation) appointment has done its work in another way: a diagnostic is
 * written on the path, or an orientation decided (and so also any exit, which ends an orientation).
 * Their convocation under way ends (nobody is convened, or relanced up to the EP, to a co-diagnostic
 * already held); the track closes.
 */
export async function pastTheConvocation(runner: SqlRunner, progress: PathProgress, pathIds: string[]): Promise<Set<string>> {
  const stages = await progress.stagesOf(runner, pathIds);
  return new Set([...stages].filter(([, stage]) => PAST_THE_CONVOCATION.has(stage)).map(([pathId]) => pathId));
}

/** Ends the convocation under way of a path already diagnosed or oriented (pastTheConvocation). */
export function endAlreadyDiagnosed(runner: SqlRunner, t: { path_id: string; person_id: string; state: TrackState; invited_on: string | null }, now: Date): Promise<DueMessage[]> {
  return end(runner, { ...t, new_path_id: null }, now, 'already-diagnosed');
}

/**
 * People convened whom what the CAF sent since no longer lets in (DOMAIN.md §2, the entry rule on
 * their stored situation today: right closed, moved to another CAF, left the household, in work,
 * hospitalised…). The planner checks this before booking; this is the same check after it, so
 * nobody is summoned to a "présence obligatoire" they no longer owe. Their appointment still to
 * come is cancelled (reason `no-longer-to-convene`), a `cancelled` notice tells them, and the track
 * goes back to be planned a day later: a right that reopens is convened again then. The same holds
 * for someone invited to book (invite-first territories): the invitation is withdrawn (its reminder
 * dropped, an `invitation-withdrawn` notice), and they are not asked to book an appointment they
 * no longer owe. A path already past the convocation (pastTheConvocation) ends it instead, for good.
 */
export async function holdNoLongerToConvene(runner: SqlRunner, now: Date, progress: PathProgress): Promise<HeldReport> {
  await runner.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.convocationPlanning]);
  const expected = await runner.query<{ path_id: string; person_id: string; state: string; invited_on: string | null }>(
    `SELECT t.path_id, t.person_id, t.state, to_char(t.invited_on, 'YYYY-MM-DD') AS invited_on
       FROM convocation_track t
       JOIN beneficiary_path p ON p.id = t.path_id AND p.status = 'open'
      WHERE (t.state = 'convened'
             AND EXISTS (SELECT 1 FROM convocation_appointment a WHERE a.id = t.appointment_id AND a.status IN ${ACTIVE_APPOINTMENT_SQL} AND a.starts_at > $1))
         OR (t.state = 'invited' AND t.invited_on IS NOT NULL)
      ORDER BY t.path_id
        FOR UPDATE OF t`,
    [now],
  );
  const report: HeldReport = { held: 0, alreadyDiagnosed: 0, personIds: [], dueNow: [] };
  if (expected.length === 0) return report;
  const entering = new Set(
    (await currentEntries(runner, [...new Set(expected.map((t) => t.person_id))], parisDateOf(now))).filter((e) => e.decision.enters).map((e) => e.personId),
  );
  const done = await pastTheConvocation(runner, progress, expected.map((t) => t.path_id));
  const withdrawn: WithdrawnInvitation[] = [];
  for (const t of expected) {
    if (done.has(t.path_id)) {
      report.dueNow.push(...(await endAlreadyDiagnosed(runner, { ...t, state: t.state as TrackState }, now)));
      report.alreadyDiagnosed++;
      report.personIds.push(t.person_id);
      continue;
    }
    if (entering.has(t.person_id)) continue;
    if (t.state === 'convened') report.dueNow.push(...(await cancelUpcoming(runner, t.path_id, t.path_id, 'no-longer-to-convene', now)));
    else withdrawn.push({ pathId: t.path_id, invitedOn: t.invited_on as string, personId: t.person_id, noticePathId: t.path_id });
    await runner.query(
      `UPDATE convocation_track SET state = 'to-plan', appointment_id = NULL, next_action_at = $2, updated_at = $3 WHERE path_id = $1`,
      [t.path_id, new Date(now.getTime() + HELD_RETRY_MS), now],
    );
    report.held++;
    report.personIds.push(t.person_id);
  }
  report.dueNow.push(...(await writeInvitationWithdrawals(runner, withdrawn, now)));
  return report;
}
