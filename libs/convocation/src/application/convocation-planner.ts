import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { addDays, Clock, parisDateOf, parisInstant, Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import { currentEntries, type PathProgress } from '@rsa/beneficiary';
import { ADVISORY_LOCKS, bulk, inPgTransaction, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { appointmentMessages, invitationMessages, type PlannedMessage, type Reachability } from '../domain/outbox-plan';
import type { ConvocationPolicy } from '../domain/policy';
import { earliestAppointmentStart } from '../domain/send-window';
import type { TrackState } from '../domain/convocation-track';
import { ALERT_INSERT, APPOINTMENT_INSERT, EVENT_INSERT, MESSAGE_INSERT, messageRow, reachabilityOf } from './convocation-sql';
import { policiesOf } from './policies';
import { endAlreadyDiagnosed, followClosedPaths, HELD_RETRY_MS, holdNoLongerToConvene, pastTheConvocation } from './convocations-under-way';
import type { DueMessage } from './convocation-jobs';

export interface PlanReport {
  /** Convocations under way of paths the intake closed, moved onto the person's new path (convocations-under-way). */
  carriedOver: number;
  /** Convocations under way of paths the intake closed, ended with them. */
  ended: number;
  /**
   * Convened people whom what the CAF sent since no longer lets in (the `held` check, after booking):
   * their appointment to come cancelled with a letter, looked at again a day later.
   */
  withdrawn: number;
  /**
   * Convocations ended, and nobody convened or relanced, because the path already has its
   * diagnostic or an orientation (a co-diagnostic held another way, a person already accompanied):
   * an appointment to come cancelled with a notice, an invitation withdrawn, the track closed.
   */
  alreadyDiagnosed: number;
  /**
   * People to convene (again) whose dossier's commune is now in another territory than their
   * track's (they moved house): their track follows them, so they are convened near their home,
   * under that territory's policy.
   */
  relocated: number;
  /** New paths (flux) given a track. */
  registered: number;
  considered: number;
  convened: number;
  invited: number;
  /** No slot within the deadline: the coordinator is alerted, and the planner tries again later. */
  noSlot: number;
  /**
   * Not convened now: since their path opened, what the CAF sent no longer lets them in (DOMAIN.md §2,
   * the entry rule on their stored situation today: right closed, left the household, moved to
   * another CAF, in work, hospitalised…). Looked at again the next day, so a right that reopens is
   * convened then.
   */
  held: number;
  /** Batches written again because a slot filled up meanwhile (a booking by hand). */
  conflicts: number;
  messages: number;
  /** Messages due now, handed to the queue at once (the sweeper would find them anyway). */
  dueNow: DueMessage[];
}

interface DueTrack {
  path_id: string;
  person_id: string;
  dossier_id: string;
  territory_id: string | null;
  state: TrackState;
  deadline: string;
  attempts: number;
  last_outcome: string | null;
  invited_on: string | null;
  invitation_expires_on: string | null;
}

interface OpenSlot {
  id: string;
  territory_id: string;
  place_id: string;
  starts_at: Date;
  room: number;
}

/** A territory's open slots in time order, and the first one that may still have room. */
interface TerritorySlots {
  head: number;
  slots: OpenSlot[];
}

/** How long the planner waits before looking again for a slot for someone it could not place. */
const NO_SLOT_RETRY_MS = 60 * 60_000;
/** Past the deadline, how far the planner looks for a (late) slot rather than leave the person without one. */
const LATE_HORIZON_DAYS = 30;
const DEFAULT_BATCH = 500;

/** A slot filled up between reading it and booking it: the batch is written again from scratch. */
class SlotTaken extends Error {}

/**
 * Convenes new entrants (DOMAIN.md §2.2): every open path of the daily flux gets a track; each track
 * due is, in deadline order, either invited to book (invite-first territories) or convened to the
 * earliest orientation slot of its territory that leaves the letter time to arrive and falls on or
 * before its deadline (15 days after the notification, or the relance's). Slots are assigned for a
 * batch in memory and booked in one guarded statement; the appointment, its events, its messages
 * (the outbox) and the track are written in the same transaction. No slot: the track waits, the
 * territory's coordinator gets an alert (once), and the planner looks again later. Stock paths are
 * convened by reprise campaigns, at their pace, not here.
 */
export class ConvocationPlanner {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    /** How far paths went, in every context loaded (the orientation's diagnostics and decisions too). */
    private readonly progress: PathProgress,
  ) {}

  async run(actor: Actor, options: { batchSize?: number; maxBatches?: number } = {}): Promise<PlanReport> {
    await this.policy.require(actor, Permission.ConvocationRun, { action: 'convocation.plan' });
    const now = this.clock.now();
    const followed = await inPgTransaction(this.pool, async (runner) => {
      const closed = await followClosedPaths(runner, now, this.progress);
      if (closed.personIds.length > 0) {
        await this.audit.record(
          { actor, action: 'convocation.follow-closed-paths', outcome: 'allowed', subjectIds: closed.personIds, detail: { carriedOver: closed.carriedOver, ended: closed.ended } },
          runner,
        );
      }
      const withdrawn = await holdNoLongerToConvene(runner, now, this.progress);
      if (withdrawn.personIds.length > 0) {
        await this.audit.record(
          { actor, action: 'convocation.withdraw', outcome: 'allowed', subjectIds: withdrawn.personIds, detail: { withdrawn: withdrawn.held, alreadyDiagnosed: withdrawn.alreadyDiagnosed } },
          runner,
        );
      }
      return { ...closed, withdrawn: withdrawn.held, alreadyDiagnosed: withdrawn.alreadyDiagnosed, dueNow: [...closed.dueNow, ...withdrawn.dueNow] };
    });
    const report: PlanReport = {
      carriedOver: followed.carriedOver,
      ended: followed.ended,
      withdrawn: followed.withdrawn,
      alreadyDiagnosed: followed.alreadyDiagnosed,
      relocated: 0,
      registered: await this.registerNewPaths(now),
      considered: 0,
      convened: 0,
      invited: 0,
      noSlot: 0,
      held: 0,
      conflicts: 0,
      messages: 0,
      dueNow: followed.dueNow,
    };
    for (let batch = 0; batch < (options.maxBatches ?? Number.MAX_SAFE_INTEGER); batch++) {
      let done: number;
      try {
        done = await inPgTransaction(this.pool, (runner) => this.planBatch(runner, actor, now, options.batchSize ?? DEFAULT_BATCH, report));
      } catch (error) {
        if (!(error instanceof SlotTaken)) throw error;
        report.conflicts++;
        continue;
      }
      if (done === 0) break;
    }
    if (report.considered > 0 || report.registered > 0 || report.relocated > 0 || report.withdrawn > 0 || report.alreadyDiagnosed > 0 || report.carriedOver > 0 || report.ended > 0) {
      const { dueNow: _ids, ...counts } = report;
      await this.audit.record({ actor, action: 'convocation.plan', outcome: 'allowed', detail: counts });
    }
    return report;
  }

  /**
   * Open paths of the daily flux into tracks: those not yet tracked, with their territory (that of
   * their dossier's commune), and the deadline of a first convocation not booked yet when its
   * path's moved earlier. Returns how many were registered.
   */
  async registerNewPaths(now: Date): Promise<number> {
    const rows = await this.pool.query(
      `INSERT INTO convocation_track (path_id, person_id, territory_id, state, deadline, origin, next_action_at, updated_at)
       SELECT p.id, p.person_id, tc.territory_id, 'to-plan', p.convocation_deadline, p.origin, $1, $1
         FROM beneficiary_path p
         JOIN beneficiary_dossier d ON d.id = p.dossier_id
         LEFT JOIN access_territory_commune tc ON tc.insee = d.commune_insee
        WHERE p.status = 'open' AND p.origin = 'flux' AND NOT EXISTS (SELECT 1 FROM convocation_track t WHERE t.path_id = p.id)
       ON CONFLICT (path_id) DO NOTHING`,
      [now],
    );
    // A daily file that arrived late moved a path's notification earlier (the intake's
    // earlierNotifications): a first convocation still to book keeps to the deadline it gives.
    await this.pool.query(
      `UPDATE convocation_track t SET deadline = p.convocation_deadline, updated_at = $1
         FROM beneficiary_path p
        WHERE p.id = t.path_id AND p.status = 'open' AND p.origin = 'flux' AND t.campaign_id IS NULL AND t.attempts = 0 AND t.excused = 0
          AND t.state IN ('to-plan', 'invited', 'no-slot') AND p.convocation_deadline < t.deadline`,
      [now],
    );
    return rows.rowCount ?? 0;
  }

  /**
   * A track about to be planned (to plan, or waiting for a slot) whose path's dossier now lives in
   * another territory takes that territory, in the batch too: its convocation is planned there. An
   * invitation already sent keeps its territory until it is answered or expires; a commune in no
   * territory changes nothing.
   */
  private async relocate(runner: SqlRunner, actor: Actor, tracks: DueTrack[], now: Date, report: PlanReport): Promise<void> {
    const moved = await runner.query<{ path_id: string; person_id: string; territory_id: string; from_territory: string | null }>(
      `UPDATE convocation_track t SET territory_id = tc.territory_id, updated_at = $2
         FROM convocation_track old, beneficiary_path p
         JOIN beneficiary_dossier d ON d.id = p.dossier_id
         JOIN access_territory_commune tc ON tc.insee = d.commune_insee
        WHERE t.path_id = ANY($1::uuid[]) AND old.path_id = t.path_id AND p.id = t.path_id
          AND t.state IN ('to-plan', 'no-slot') AND t.territory_id IS DISTINCT FROM tc.territory_id
        RETURNING t.path_id, t.person_id, t.territory_id, old.territory_id AS from_territory`,
      [tracks.map((t) => t.path_id), now],
    );
    if (moved.length === 0) return;
    // The first territory's coordinators no longer have a slot to find for them: the new one's planner does.
    await runner.query(
      `UPDATE convocation_alert SET resolved_at = $2, resolved_by = 'system:relocated' WHERE kind = 'no-slot' AND resolved_at IS NULL AND path_id = ANY($1::uuid[])`,
      [moved.map((m) => m.path_id), now],
    );
    const to = new Map(moved.map((m) => [m.path_id, m.territory_id]));
    for (const t of tracks) t.territory_id = to.get(t.path_id) ?? t.territory_id;
    report.relocated += moved.length;
    await this.audit.record(
      {
        actor,
        action: 'convocation.relocate',
        outcome: 'allowed',
        subjectIds: [...new Set(moved.map((m) => m.person_id))],
        detail: { moves: moved.map((m) => ({ pathId: m.path_id, from: m.from_territory, to: m.territory_id })) },
      },
      runner,
    );
  }

  private async planBatch(runner: SqlRunner, actor: Actor, now: Date, size: number, report: PlanReport): Promise<number> {
    await runner.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.convocationPlanning]);
    const tracks = await runner.query<DueTrack>(
      `SELECT t.path_id, t.person_id, p.dossier_id, t.territory_id, t.state, to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.attempts, t.last_outcome,
              to_char(t.invited_on, 'YYYY-MM-DD') AS invited_on, to_char(t.invitation_expires_on, 'YYYY-MM-DD') AS invitation_expires_on
         FROM convocation_track t JOIN beneficiary_path p ON p.id = t.path_id
        WHERE t.next_action_at <= $1 AND t.state IN ('to-plan', 'invited', 'no-slot') AND p.status = 'open'
        ORDER BY t.deadline, t.path_id LIMIT $2 FOR UPDATE OF t SKIP LOCKED`,
      [now, size],
    );
    if (tracks.length === 0) return 0;
    await this.relocate(runner, actor, tracks, now, report);
    const today = parisDateOf(now);
    // The entry rule on what is stored of each person today: one membership that still lets them in is enough.
    const stillToConvene = new Set(
      (await currentEntries(runner, tracks.map((t) => t.person_id), today)).filter((e) => e.decision.enters).map((e) => e.personId),
    );
    const done = await pastTheConvocation(runner, this.progress, tracks.map((t) => t.path_id));
    const policyOf = await policiesOf(runner, tracks.map((t) => t.territory_id));
    const reach = await reachabilityOf(runner, tracks);
    const slots = await this.openSlots(runner, tracks, now);

    const bookings = new Map<string, number>();
    const appointments: object[] = [];
    const events: object[] = [];
    const messages: { plan: PlannedMessage; personId: string; pathId: string; appointment: { id: string; version: number } | null; context: object }[] = [];
    const trackUpdates: object[] = [];
    const alerts: object[] = [];
    const resolvedNoSlot: string[] = [];
    let convened = 0;
    let invited = 0;
    let noSlot = 0;
    let held = 0;
    let alreadyDiagnosed = 0;
    /** Whose convocation this batch wrote or ended, for its audit entry. */
    const subjects: string[] = [];
    const notices: DueMessage[] = [];

    for (const t of tracks) {
      if (done.has(t.path_id)) {
        // Into the report once the batch is written: a batch written again (SlotTaken) would leave ids of notices rolled back.
        notices.push(...(await endAlreadyDiagnosed(runner, t, now)));
        alreadyDiagnosed++;
        subjects.push(t.person_id);
        continue;
      }
      if (!stillToConvene.has(t.person_id)) {
        trackUpdates.push({ path_id: t.path_id, state: t.state, appointment_id: null, invited_on: t.invited_on, invitation_expires_on: t.invitation_expires_on, next_action_at: new Date(now.getTime() + HELD_RETRY_MS) });
        held++;
        continue;
      }
      const policy = policyOf(t.territory_id);
      const contact = reach.get(t.person_id) as Reachability;
      if (this.shouldInvite(t, policy, today)) {
        const expiresOn = addDays(today, policy.invitationExpiryDays);
        const reminderAt = parisInstant(addDays(today, policy.invitationReminderDays), '10:00');
        const expiresAt = parisInstant(expiresOn, '00:00');
        for (const plan of invitationMessages(t.path_id, today, reminderAt, expiresAt, contact, now)) {
          messages.push({ plan, personId: t.person_id, pathId: t.path_id, appointment: null, context: { bookBy: addDays(expiresOn, -1) } });
        }
        trackUpdates.push({ path_id: t.path_id, state: 'invited', appointment_id: null, invited_on: today, invitation_expires_on: expiresOn, next_action_at: expiresAt });
        invited++;
        subjects.push(t.person_id);
        continue;
      }
      const slot = this.earliest(slots, t, now, policy, t.deadline) ?? this.earliest(slots, t, now, policy, addDays(t.deadline, LATE_HORIZON_DAYS));
      const late = slot !== null && parisDateOf(slot.starts_at) > t.deadline;
      if (!slot || late) {
        // Never silently late: the coordinator hears of it either way, with the appointment if one could be found.
        alerts.push({
          id: randomUUID(), territory_id: t.territory_id, kind: 'no-slot', path_id: t.path_id, person_id: t.person_id,
          detail: { deadline: t.deadline, attempt: t.attempts, lateAppointmentOn: slot ? parisDateOf(slot.starts_at) : null },
        });
        noSlot++;
      }
      if (!slot) {
        trackUpdates.push({ path_id: t.path_id, state: 'no-slot', appointment_id: null, invited_on: t.invited_on, invitation_expires_on: t.invitation_expires_on, next_action_at: new Date(now.getTime() + NO_SLOT_RETRY_MS) });
        continue;
      }
      slot.room--;
      bookings.set(slot.id, (bookings.get(slot.id) ?? 0) + 1);
      const appointmentId = randomUUID();
      appointments.push({
        id: appointmentId, person_id: t.person_id, path_id: t.path_id, slot_id: slot.id, place_id: slot.place_id, kind: 'orientation',
        status: 'planned', starts_at: slot.starts_at.toISOString(), version: 1, attempt: t.attempts,
      });
      events.push({ appointment_id: appointmentId, status_from: null, status_to: 'planned', at: now.toISOString(), by: 'system:convocation-planner', reason: t.last_outcome === 'absent' ? 'relance' : 'convocation', detail: { slotId: slot.id } });
      const kind = t.last_outcome === 'absent' ? 'relance' : 'convocation';
      for (const plan of appointmentMessages({ id: appointmentId, version: 1, startsAt: slot.starts_at }, kind, contact, now, policy)) {
        messages.push({ plan, personId: t.person_id, pathId: t.path_id, appointment: { id: appointmentId, version: 1 }, context: kind === 'relance' ? { relanceNumber: t.attempts } : {} });
      }
      trackUpdates.push({ path_id: t.path_id, state: 'convened', appointment_id: appointmentId, invited_on: t.invited_on, invitation_expires_on: t.invitation_expires_on, next_action_at: null });
      if (!late) resolvedNoSlot.push(t.path_id);
      convened++;
      subjects.push(t.person_id);
    }

    if (bookings.size > 0) {
      const booked = await runner.query(
        `UPDATE convocation_slot s SET booked = s.booked + x.n FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, n int)
          WHERE s.id = x.id AND s.status = 'open' AND s.booked + x.n <= s.capacity RETURNING s.id`,
        [JSON.stringify([...bookings].map(([id, n]) => ({ id, n })))],
      );
      if (booked.length !== bookings.size) throw new SlotTaken();
    }
    await bulk(runner, APPOINTMENT_INSERT, appointments);
    await bulk(runner, EVENT_INSERT, events);
    const written = await bulk<DueMessage>(
      runner,
      MESSAGE_INSERT,
      messages.map((m) => messageRow(m.plan, m.personId, m.pathId, m.appointment, m.context)),
    );
    await runner.query(
      `UPDATE convocation_track t SET state = x.state, appointment_id = x.appointment_id, invited_on = x.invited_on,
              invitation_expires_on = x.invitation_expires_on, next_action_at = x.next_action_at, updated_at = $2
         FROM jsonb_to_recordset($1::jsonb) AS x(path_id uuid, state varchar, appointment_id uuid, invited_on date, invitation_expires_on date, next_action_at timestamptz)
        WHERE t.path_id = x.path_id`,
      [JSON.stringify(trackUpdates), now],
    );
    await bulk(runner, ALERT_INSERT, alerts);
    if (resolvedNoSlot.length > 0) {
      await runner.query(`UPDATE convocation_alert SET resolved_at = $2, resolved_by = 'system:convocation-planner' WHERE kind = 'no-slot' AND resolved_at IS NULL AND path_id = ANY($1::uuid[])`, [resolvedNoSlot, now]);
    }
    if (subjects.length > 0) {
      // In the batch's own transaction: whoever was convened, invited or relieved of a convocation is named, even if a later batch fails.
      await this.audit.record(
        { actor, action: 'convocation.plan.batch', outcome: 'allowed', subjectIds: [...new Set(subjects)], detail: { convened, invited, alreadyDiagnosed, noSlot, messages: written.length } },
        runner,
      );
    }
    report.considered += tracks.length;
    report.alreadyDiagnosed += alreadyDiagnosed;
    report.convened += convened;
    report.invited += invited;
    report.noSlot += noSlot;
    report.held += held;
    report.messages += written.length;
    report.dueNow.push(...notices, ...written.filter((m) => new Date(m.due_at).getTime() <= now.getTime()));
    return tracks.length;
  }

  /**
   * Invite first when the territory says so, for a first convocation not yet invited, and only if
   * the invitation leaves time to convene within the deadline after it expires.
   */
  private shouldInvite(t: DueTrack, policy: ConvocationPolicy, today: string): boolean {
    if (!policy.inviteFirst || t.state !== 'to-plan' || t.attempts > 0 || t.last_outcome !== null || t.invited_on !== null) return false;
    const convokeBy = addDays(today, policy.invitationExpiryDays + policy.minLeadWorkingDays + 2);
    return convokeBy <= t.deadline;
  }

  /** The earliest slot of the track's territory with room, far enough for the letter, on or before `lastDay`. */
  private earliest(slots: Map<string, TerritorySlots>, t: DueTrack, now: Date, policy: ConvocationPolicy, lastDay: string): OpenSlot | null {
    const territory = t.territory_id ? slots.get(t.territory_id) : undefined;
    if (!territory) return null;
    // Slots only ever lose room: the ones already full at the head are skipped once for all.
    while (territory.head < territory.slots.length && territory.slots[territory.head].room <= 0) territory.head++;
    const from = earliestAppointmentStart(now, policy).getTime();
    for (let i = territory.head; i < territory.slots.length; i++) {
      const slot = territory.slots[i];
      if (slot.room <= 0 || slot.starts_at.getTime() < from) continue;
      return parisDateOf(slot.starts_at) <= lastDay ? slot : null;
    }
    return null;
  }

  private async openSlots(runner: SqlRunner, tracks: DueTrack[], now: Date): Promise<Map<string, TerritorySlots>> {
    const territories = [...new Set(tracks.map((t) => t.territory_id).filter((t): t is string => t !== null))];
    const latest = tracks.reduce((max, t) => (t.deadline > max ? t.deadline : max), parisDateOf(now));
    if (territories.length === 0) return new Map();
    const rows = await runner.query<OpenSlot>(
      `SELECT s.id, s.territory_id, s.place_id, s.starts_at, s.capacity - s.booked AS room
         FROM convocation_slot s JOIN convocation_place pl ON pl.id = s.place_id AND pl.active
        WHERE s.status = 'open' AND s.kind = 'orientation' AND s.territory_id = ANY($1::varchar[]) AND s.booked < s.capacity
          AND s.starts_at > $2 AND s.starts_at < $3
          AND NOT EXISTS (SELECT 1 FROM convocation_closure c WHERE c.place_id = s.place_id
                            AND (s.starts_at AT TIME ZONE 'Europe/Paris')::date BETWEEN c.from_day AND c.to_day)
        ORDER BY s.starts_at, s.id`,
      [territories, now, parisInstant(addDays(latest, LATE_HORIZON_DAYS + 1), '00:00')],
    );
    const byTerritory = new Map<string, TerritorySlots>();
    for (const slot of rows) {
      const territory = byTerritory.get(slot.territory_id) ?? { head: 0, slots: [] };
      territory.slots.push({ ...slot, starts_at: new Date(slot.starts_at) });
      byTerritory.set(slot.territory_id, territory);
    }
    return byTerritory;
  }
}
