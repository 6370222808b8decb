import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { addDays, Clock, hasPermission, parisDateOf, Permission, type Actor } from '@rsa/kernel';
import { actorRef, type AccessPolicy } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import { diffOf, inPgTransaction, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { ACTIVE_APPOINTMENT_STATUSES, type Attendance } from '../domain/appointment';
import { ConvocationError, ConvocationErrorCode } from '../domain/convocation-errors';
import { appointmentMessages, type Reachability } from '../domain/outbox-plan';
import { writeCancellationNotices } from './cancellation-notices';
import type { ConvocationPolicy } from '../domain/policy';
import { afterCancelling, ALERT_INSERT, bulk, EVENT_INSERT, MESSAGE_INSERT, messageRow, reachabilityOf } from './convocation-sql';
import type { MessageDispatcher } from './message-dispatcher';
import { isPlaceStaff } from './place-access';
import { policiesOf } from './policies';
import type { DueMessage } from './convocation-jobs';

interface AppointmentRow {
  id: string;
  person_id: string;
  path_id: string;
  slot_id: string;
  kind: string;
  status: string;
  starts_at: Date;
  version: number;
  territory_id: string | null;
  /** The structure that runs the appointment's place (read outside the lock only). */
  place_structure_id?: string | null;
}

interface SlotRow {
  id: string;
  place_id: string;
  kind: string;
  starts_at: Date;
  territory_id: string;
}

/** Why an appointment was cancelled: codes, not free text. */
export const CANCEL_REASONS = ['person-request', 'place-closed', 'professional-absent', 'error', 'no-longer-needed'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Why someone was excused. */
export const EXCUSE_REASONS = ['illness', 'hospitalisation', 'job-interview', 'training', 'family-emergency', 'transport', 'other'] as const;

/**
 * What people do with appointments: book (answering an invitation), move (the call centre or the
 * referent), cancel, confirm, and record attendance once it has started. Each is checked against
 * the person's scope, changes the slots' counts in guarded statements, re-plans the messages (those
 * of the old version are cancelled, new ones written in the same transaction), keeps an event per
 * change, and is audited. Attendance drives what comes next: honoured ends the convocation; excused
 * convenes again; absent convenes again as a relance, up to the territory's limit, then lists the
 * person for the EP review with their history.
 */
export class AppointmentCommands {
  constructor(
    private readonly pool: Pool,
    private readonly access: PersonAccess,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly dispatcher: MessageDispatcher,
  ) {}

  /** Book a slot for a path waiting to be convened (an invitation answered, or a booking by hand). */
  async book(actor: Actor, pathId: string, slotId: string) {
    const action = 'appointment.book';
    const [track] = await this.pool.query<{ person_id: string; state: string; attempts: number; last_outcome: string | null; territory_id: string | null; dossier_id: string }>(
      `SELECT t.person_id, t.state, t.attempts, t.last_outcome, t.territory_id, p.dossier_id FROM convocation_track t JOIN beneficiary_path p ON p.id = t.path_id WHERE t.path_id = $1`,
      [pathId],
    ).then((r) => r.rows);
    if (!track) throw new ConvocationError(ConvocationErrorCode.NothingToBook, 'This path has no convocation under way', { pathId });
    await this.access.require(actor, Permission.AppointmentManage, track.person_id, action);
    return this.recordingRefusals(actor, { action, target: { type: 'path', id: pathId }, subjectIds: [track.person_id] }, async () => {
      const now = this.clock.now();
      const result = await inPgTransaction(this.pool, async (runner) => {
        const [locked] = await runner.query<{ state: string }>(`SELECT state FROM convocation_track WHERE path_id = $1 FOR UPDATE`, [pathId]);
        if (!['to-plan', 'invited', 'no-slot'].includes(locked.state)) {
          throw new ConvocationError(ConvocationErrorCode.NothingToBook, `Nothing to book: the convocation is ${locked.state}`, { state: locked.state });
        }
        const slot = await this.takeSlot(runner, slotId, 'orientation');
        const policy = (await policiesOf(runner, [slot.territory_id]))(slot.territory_id);
        const appointmentId = randomUUID();
        await runner.query(
          `INSERT INTO convocation_appointment (id, person_id, path_id, slot_id, place_id, kind, status, starts_at, version, attempt)
           VALUES ($1, $2, $3, $4, $5, 'orientation', 'planned', $6, 1, $7)`,
          [appointmentId, track.person_id, pathId, slot.id, slot.place_id, slot.starts_at, track.attempts],
        );
        await this.event(runner, appointmentId, null, 'planned', actor, 'booked', { slotId: slot.id });
        const kind = track.last_outcome === 'absent' ? 'relance' : 'convocation';
        const planned = await this.writeMessages(runner, { id: appointmentId, version: 1, startsAt: slot.starts_at }, kind, track.person_id, pathId, track.dossier_id, now, policy, kind === 'relance' ? { relanceNumber: track.attempts } : {});
        await runner.query(`UPDATE convocation_track SET state = 'convened', appointment_id = $2, next_action_at = NULL, updated_at = $3 WHERE path_id = $1`, [pathId, appointmentId, now]);
        await runner.query(`UPDATE convocation_alert SET resolved_at = $2, resolved_by = $3 WHERE kind = 'no-slot' AND resolved_at IS NULL AND path_id = $1`, [pathId, now, actorRef(actor)]);
        await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'appointment', id: appointmentId }, subjectIds: [track.person_id], detail: { slotId: slot.id, startsAt: slot.starts_at } }, runner);
        return { appointmentId, planned };
      });
      await this.dispatcher.enqueue(result.planned);
      return this.view(result.appointmentId);
    });
  }

  /** Move an appointment to another slot of the same kind: the person gets the new date, the reminder follows. */
  async move(actor: Actor, appointmentId: string, slotId: string, reasonCode: string) {
    const action = 'appointment.move';
    const current = await this.active(appointmentId);
    await this.access.require(actor, Permission.AppointmentManage, current.person_id, action);
    return this.recordingRefusals(actor, { action, target: { type: 'appointment', id: appointmentId }, subjectIds: [current.person_id] }, async () => {
      const now = this.clock.now();
      notBegun(current, now, 'moved');
      const planned = await inPgTransaction(this.pool, async (runner) => {
        const before = await this.lock(runner, appointmentId);
        notBegun(before, now, 'moved');
        if (before.slot_id === slotId) throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, 'This is already the appointment’s slot');
        const slot = await this.takeSlot(runner, slotId, before.kind);
        await runner.query(`UPDATE convocation_slot SET booked = booked - 1 WHERE id = $1 AND booked > 0`, [before.slot_id]);
        const version = before.version + 1;
        await runner.query(
          `UPDATE convocation_appointment SET slot_id = $2, place_id = $3, starts_at = $4, version = $5, status = 'moved', updated_at = $6 WHERE id = $1`,
          [appointmentId, slot.id, slot.place_id, slot.starts_at, version, now],
        );
        await this.cancelPendingMessages(runner, appointmentId, 'appointment-moved');
        await this.event(runner, appointmentId, before.status, 'moved', actor, reasonCode, { fromSlot: before.slot_id, toSlot: slot.id, from: before.starts_at, to: slot.starts_at });
        const policy = (await policiesOf(runner, [slot.territory_id]))(slot.territory_id);
        const dossier = await this.dossierOf(runner, before.path_id);
        const written = await this.writeMessages(runner, { id: appointmentId, version, startsAt: slot.starts_at }, 'moved', before.person_id, before.path_id, dossier, now, policy, {
          previousStartsAt: new Date(before.starts_at).toISOString(),
        });
        await this.audit.record(
          {
            actor,
            action,
            outcome: 'allowed',
            target: { type: 'appointment', id: appointmentId },
            subjectIds: [before.person_id],
            reasonCode,
            detail: { version },
            diff: diffOf({ startsAt: new Date(before.starts_at).toISOString(), slotId: before.slot_id }, { startsAt: slot.starts_at.toISOString(), slotId: slot.id }),
          },
          runner,
        );
        return written;
      });
      await this.dispatcher.enqueue(planned);
      return this.view(appointmentId);
    });
  }

  /**
   * Cancel: the slot is freed, pending messages are dropped, the person is told the way they were
   * told of it (a `cancelled` notice on each channel that already carried one of its messages; none
   * if nothing had gone out yet), and (unless no longer needed) they are convened again.
   */
  async cancel(actor: Actor, appointmentId: string, reasonCode: CancelReason) {
    const action = 'appointment.cancel';
    const current = await this.active(appointmentId);
    await this.access.require(actor, Permission.AppointmentManage, current.person_id, action);
    return this.recordingRefusals(actor, { action, target: { type: 'appointment', id: appointmentId }, subjectIds: [current.person_id] }, async () => {
      // Ending someone's convocation for good takes them out of the 15-day count and of every campaign
      // segment: the territory's coordinators decide it, not whoever may move an appointment (the call centre).
      const now = this.clock.now();
      // Once begun, a cancellation erases what attendance would record: the territory's coordinators
      // decide it (the structure's own reasons), not whoever may move an appointment.
      const begun = now.getTime() >= new Date(current.starts_at).getTime();
      if (reasonCode === 'no-longer-needed' || begun) {
        await this.policy.requireTerritory(actor, Permission.ConvocationManage, current.territory_id, { action, target: { type: 'appointment', id: appointmentId }, subjectIds: [current.person_id] });
      }
      if (reasonCode === 'person-request') notBegun(current, now, 'cancelled at the person’s request');
      const notices = await inPgTransaction(this.pool, async (runner) => {
        const before = await this.lock(runner, appointmentId);
        if (reasonCode === 'person-request') notBegun(before, now, 'cancelled at the person’s request');
        await runner.query(`UPDATE convocation_appointment SET status = 'cancelled', updated_at = $2 WHERE id = $1`, [appointmentId, now]);
        await afterCancelling(runner, [{ id: appointmentId, status: before.status, slot_id: before.slot_id }], { by: actorRef(actor), reason: reasonCode, at: now });
        const written = await writeCancellationNotices(
          runner,
          [{ id: appointmentId, version: before.version, startsAt: new Date(before.starts_at), personId: before.person_id, pathId: before.path_id }],
          now,
        );
        if (reasonCode === 'no-longer-needed') {
          await runner.query(`UPDATE convocation_track SET state = 'closed', next_action_at = NULL, updated_at = $2 WHERE path_id = $1 AND appointment_id = $3`, [before.path_id, now, appointmentId]);
        } else {
          await runner.query(`UPDATE convocation_track SET state = 'to-plan', appointment_id = NULL, next_action_at = $2, updated_at = $2 WHERE path_id = $1 AND appointment_id = $3`, [before.path_id, now, appointmentId]);
        }
        await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'appointment', id: appointmentId }, subjectIds: [before.person_id], reasonCode }, runner);
        return written;
      });
      await this.dispatcher.enqueue(notices);
      return this.view(appointmentId);
    });
  }

  /** The person said they will come (a call, an answer to the SMS). */
  async confirm(actor: Actor, appointmentId: string) {
    const action = 'appointment.confirm';
    const current = await this.active(appointmentId);
    await this.access.require(actor, Permission.AppointmentManage, current.person_id, action);
    await this.recordingRefusals(actor, { action, target: { type: 'appointment', id: appointmentId }, subjectIds: [current.person_id] }, () => inPgTransaction(this.pool, async (runner) => {
      const before = await this.lock(runner, appointmentId);
      await runner.query(`UPDATE convocation_appointment SET status = 'confirmed', updated_at = $2 WHERE id = $1`, [appointmentId, this.clock.now()]);
      await this.event(runner, appointmentId, before.status, 'confirmed', actor, null, null);
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'appointment', id: appointmentId }, subjectIds: [before.person_id] }, runner);
    }));
    return this.view(appointmentId);
  }

  /** Attendance, by the professional, once the appointment has started. */
  async recordAttendance(actor: Actor, appointmentId: string, attendance: Attendance, reasonCode: string | null) {
    const action = 'appointment.attendance';
    const current = await this.active(appointmentId);
    // The place's own staff record who came, file shared with them or not (a co-diagnostic comes
    // before any portfolio); anyone else needs the person's file.
    let basis: 'place-staff' | 'file' = 'file';
    if (hasPermission(actor, Permission.AppointmentManage) && isPlaceStaff(actor, { structure_id: current.place_structure_id ?? null })) basis = 'place-staff';
    else await this.access.require(actor, Permission.AppointmentManage, current.person_id, action);
    return this.recordingRefusals(actor, { action, target: { type: 'appointment', id: appointmentId }, subjectIds: [current.person_id] }, async () => {
      const now = this.clock.now();
      if (now.getTime() < new Date(current.starts_at).getTime()) {
        throw new ConvocationError(ConvocationErrorCode.AttendanceTooEarly, 'Attendance is recorded once the appointment has started');
      }
      if (attendance === 'excused' && !(EXCUSE_REASONS as readonly string[]).includes(reasonCode ?? '')) {
        throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, `An excuse needs its reason: ${EXCUSE_REASONS.join(', ')}`);
      }
      let next: 'done' | 'relance' | 'ep-review' | 'reconvene' = 'done';
      await inPgTransaction(this.pool, async (runner) => {
        const before = await this.lock(runner, appointmentId);
        // Again under the lock: a move that went through meanwhile put the appointment on a later day.
        if (now.getTime() < new Date(before.starts_at).getTime()) {
          throw new ConvocationError(ConvocationErrorCode.AttendanceTooEarly, 'Attendance is recorded once the appointment has started (it has just been moved)', { startsAt: new Date(before.starts_at).toISOString() });
        }
        await runner.query(`UPDATE convocation_appointment SET status = $2, updated_at = $3 WHERE id = $1`, [appointmentId, attendance, now]);
        await this.event(runner, appointmentId, before.status, attendance, actor, reasonCode, null);
        await this.cancelPendingMessages(runner, appointmentId, 'appointment-ended');
        const [track] = await runner.query<{ attempts: number; territory_id: string | null; appointment_id: string | null }>(
          `SELECT attempts, territory_id, appointment_id FROM convocation_track WHERE path_id = $1 FOR UPDATE`,
          [before.path_id],
        );
        if (track && track.appointment_id === appointmentId) {
          const policy = (await policiesOf(runner, [track.territory_id]))(track.territory_id);
          next = await this.afterAttendance(runner, before, track, attendance, policy, now);
        }
        await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'appointment', id: appointmentId }, subjectIds: [before.person_id], reasonCode, detail: { attendance, next, basis } }, runner);
      });
      // A relance or a new convocation is the planner's to write (next_action_at), with its messages.
      return { ...(await this.view(appointmentId)), next };
    });
  }

  /**
   * A change refused for what it asks (a full slot, an appointment already begun or ended, nothing
   * to book): recorded in the person's trail as `failed` with its code, as the refusals of access
   * are, so "who tried to move my appointment" has its answer; then the error goes on to the caller.
   */
  private recordingRefusals<T>(actor: Actor, context: { action: string; target: { type: string; id: string }; subjectIds: string[] }, work: () => Promise<T>): Promise<T> {
    return this.audit.recordingRefusal(work, (error) =>
      error instanceof ConvocationError ? { actor, action: context.action, outcome: 'failed', target: context.target, subjectIds: context.subjectIds, detail: { code: error.code } } : null,
    );
  }

  private async afterAttendance(
    runner: SqlRunner,
    appointment: AppointmentRow,
    track: { attempts: number; territory_id: string | null },
    attendance: Attendance,
    policy: ConvocationPolicy,
    now: Date,
  ): Promise<'done' | 'relance' | 'ep-review' | 'reconvene'> {
    const today = parisDateOf(now);
    if (attendance === 'honoured') {
      await runner.query(`UPDATE convocation_track SET state = 'honoured', next_action_at = NULL, last_outcome = 'honoured', updated_at = $2 WHERE path_id = $1`, [appointment.path_id, now]);
      await runner.query(`UPDATE convocation_alert SET resolved_at = $2, resolved_by = 'system:attendance' WHERE path_id = $1 AND resolved_at IS NULL AND kind <> 'ep-review'`, [appointment.path_id, now]);
      return 'done';
    }
    if (attendance === 'excused') {
      await runner.query(
        `UPDATE convocation_track SET state = 'to-plan', appointment_id = NULL, excused = excused + 1, last_outcome = 'excused', deadline = $2, next_action_at = $3, updated_at = $3 WHERE path_id = $1`,
        [appointment.path_id, addDays(today, policy.relanceWithinDays), now],
      );
      return 'reconvene';
    }
    if (track.attempts < policy.maxRelances) {
      await runner.query(
        `UPDATE convocation_track SET state = 'to-plan', appointment_id = NULL, attempts = attempts + 1, last_outcome = 'absent', deadline = $2, next_action_at = $3, updated_at = $3 WHERE path_id = $1`,
        [appointment.path_id, addDays(today, policy.relanceWithinDays), now],
      );
      return 'relance';
    }
    // Relances used up: the EP reviews the situation, with the history of the convocations.
    const history = await runner.query(
      `SELECT a.id, a.kind, a.attempt, a.status, a.starts_at AS "startsAt" FROM convocation_appointment a WHERE a.path_id = $1 ORDER BY a.created_at`,
      [appointment.path_id],
    );
    await runner.query(`UPDATE convocation_track SET state = 'ep-review', last_outcome = 'absent', next_action_at = NULL, updated_at = $2 WHERE path_id = $1`, [appointment.path_id, now]);
    await bulk(runner, ALERT_INSERT, [
      { id: randomUUID(), territory_id: track.territory_id, kind: 'ep-review', path_id: appointment.path_id, person_id: appointment.person_id, detail: { relances: track.attempts, history } },
    ]);
    return 'ep-review';
  }

  private async writeMessages(
    runner: SqlRunner,
    appointment: { id: string; version: number; startsAt: Date },
    kind: 'convocation' | 'relance' | 'moved',
    personId: string,
    pathId: string,
    dossierId: string,
    now: Date,
    policy: ConvocationPolicy,
    context: object,
  ): Promise<DueMessage[]> {
    const reachability: Reachability = (await reachabilityOf(runner, [{ person_id: personId, dossier_id: dossierId }])).get(personId) ?? {
      hasPostalAddress: false,
      email: null,
      emailConsent: false,
      phone: null,
      smsConsent: false,
    };
    const rows = appointmentMessages(appointment, kind, reachability, now, policy).map((plan) => messageRow(plan, personId, pathId, appointment, context));
    const written = await bulk<DueMessage>(runner, MESSAGE_INSERT, rows);
    return written.filter((m) => new Date(m.due_at).getTime() <= now.getTime());
  }

  /** Books one place of a slot, if it is open, of the right kind, in the future, not full, and its place not closed that day. */
  private async takeSlot(runner: SqlRunner, slotId: string, kind: string): Promise<SlotRow> {
    const [slot] = await runner.query<SlotRow>(
      `UPDATE convocation_slot s SET booked = booked + 1 WHERE s.id = $1 AND s.status = 'open' AND s.kind = $2 AND s.booked < s.capacity AND s.starts_at > $3
          AND NOT EXISTS (SELECT 1 FROM convocation_closure c WHERE c.place_id = s.place_id AND (s.starts_at AT TIME ZONE 'Europe/Paris')::date BETWEEN c.from_day AND c.to_day)
       RETURNING s.id, s.place_id, s.kind, s.starts_at, s.territory_id`,
      [slotId, kind, this.clock.now()],
    );
    if (slot) return { ...slot, starts_at: new Date(slot.starts_at) };
    const [exists] = await runner.query(`SELECT 1 FROM convocation_slot WHERE id = $1 AND kind = $2`, [slotId, kind]);
    if (!exists) throw new ConvocationError(ConvocationErrorCode.SlotNotFound, 'No such slot for this kind of appointment', { slotId });
    throw new ConvocationError(ConvocationErrorCode.SlotFull, 'This slot is full, cancelled, already past, or its place is closed that day: choose another', { slotId });
  }

  private async cancelPendingMessages(runner: SqlRunner, appointmentId: string, outcome: string): Promise<void> {
    // Those in a sender's hands too: one it is delivering right now is recorded sent all the same;
    // one it would put back to wait (night, deferral) stays cancelled (putAside touches `sending` rows only).
    await runner.query(`UPDATE notification_message SET status = 'cancelled', outcome = $2 WHERE appointment_id = $1 AND status IN ('pending', 'sending')`, [appointmentId, outcome]);
  }

  private async event(runner: SqlRunner, appointmentId: string, from: string | null, to: string, actor: Actor, reason: string | null, detail: object | null): Promise<void> {
    await bulk(runner, EVENT_INSERT, [{ appointment_id: appointmentId, status_from: from, status_to: to, at: this.clock.now().toISOString(), by: actorRef(actor), reason, detail }]);
  }

  private async dossierOf(runner: SqlRunner, pathId: string): Promise<string> {
    const [row] = await runner.query<{ dossier_id: string }>(`SELECT dossier_id FROM beneficiary_path WHERE id = $1`, [pathId]);
    return row.dossier_id;
  }

  private async active(appointmentId: string): Promise<AppointmentRow> {
    const [row] = (
      await this.pool.query<AppointmentRow>(
        `SELECT a.id, a.person_id, a.path_id, a.slot_id, a.kind, a.status, a.starts_at, a.version, s.territory_id, pl.structure_id AS place_structure_id
           FROM convocation_appointment a JOIN convocation_slot s ON s.id = a.slot_id JOIN convocation_place pl ON pl.id = a.place_id WHERE a.id = $1`,
        [appointmentId],
      )
    ).rows;
    if (!row) throw new ConvocationError(ConvocationErrorCode.AppointmentNotFound, 'No such appointment', { appointmentId });
    return row;
  }

  /** Locks the appointment and checks it still expects the person. */
  private async lock(runner: SqlRunner, appointmentId: string): Promise<AppointmentRow> {
    const [row] = await runner.query<AppointmentRow>(
      `SELECT id, person_id, path_id, slot_id, kind, status, starts_at, version, NULL AS territory_id FROM convocation_appointment WHERE id = $1 FOR UPDATE`,
      [appointmentId],
    );
    if (!(ACTIVE_APPOINTMENT_STATUSES as readonly string[]).includes(row.status)) {
      throw new ConvocationError(ConvocationErrorCode.AppointmentNotActive, `This appointment is ${row.status}: nothing more to change`, { status: row.status });
    }
    return row;
  }

  async view(appointmentId: string) {
    const { rows } = await this.pool.query(
      `SELECT a.id, a.person_id AS "personId", a.path_id AS "pathId", a.kind, a.status, a.starts_at AS "startsAt", a.version, a.attempt,
              s.duration_minutes AS "durationMinutes", s.reception, pl.id AS "placeId", pl.name AS "placeName"
         FROM convocation_appointment a JOIN convocation_slot s ON s.id = a.slot_id JOIN convocation_place pl ON pl.id = a.place_id WHERE a.id = $1`,
      [appointmentId],
    );
    return rows[0];
  }
}

/**
 * An appointment that has begun has an outcome to record (honoured, absent, excused with its reason:
 * an excused person is convened again), not a new date: moving it, or cancelling it at the person's
 * request, would leave no trace of an absence. The structure's own reasons (place closed,
 * professional absent, an error) still cancel it.
 */
function notBegun(appointment: { starts_at: Date }, now: Date, what: string): void {
  const startsAt = new Date(appointment.starts_at);
  if (now.getTime() < startsAt.getTime()) return;
  throw new ConvocationError(
    ConvocationErrorCode.AppointmentBegun,
    `This appointment has begun: it cannot be ${what}; record its attendance (excused, with its reason, to convene the person again)`,
    { startsAt: startsAt.toISOString() },
  );
}
