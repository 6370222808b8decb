import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { AccessDeniedError, AccessErrorCode, addWorkingDays, hasPermission, isWorkingDay, parisDateOf, parisInstant, parisTimeOf, Permission, type Actor, type Clock } from '@rsa/kernel';
import { actorRef, type AccessPolicy } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import { inPgTransaction, sqlRunnerOf, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { firstAppointmentDeadline } from '../domain/portfolio';
import { Notices } from './notices';
import { OrientationPeriods, type OrientationPeriodView } from './orientation-periods';
import { DEFAULT_FIRST_APPOINTMENT_TIME, FIRST_APPOINTMENT_HOURS, LATE_REASONS, type FirstAppointmentOutcome, type LateReason } from './portfolio-codes';

export interface FirstAppointmentView {
  id: string;
  personId: string;
  periodId: string;
  referentId: string;
  at: Date;
  diagnosticOn: string;
  diagnosticSource: 'decision' | 'period-start';
  deadline: string;
  late: boolean;
  lateReason: string | null;
  status: 'planned' | 'honoured' | 'missed' | 'cancelled';
  outcomeAt: Date | null;
  version: number;
  createdAt: Date;
}

export const FIRST_APPOINTMENT_COLUMNS = `id, person_id AS "personId", period_id AS "periodId", referent_id AS "referentId", at,
  to_char(diagnostic_on, 'YYYY-MM-DD') AS "diagnosticOn", diagnostic_source AS "diagnosticSource", to_char(deadline, 'YYYY-MM-DD') AS deadline,
  late, late_reason AS "lateReason", status, outcome_at AS "outcomeAt", version, created_at AS "createdAt"`;

/**
 * The day the 5 working days count from: the diagnostic's day on the orientation decision that
 * opened the period, else the period's first day. The decisions table (`orientation_decision`,
 * written by the orientation decision commands) is looked up with `to_regclass` first, so this
 * reads the same on a schema without it; a period opened without a decision counts from its start.
 */
export async function diagnosticDayOf(runner: SqlRunner, period: Pick<OrientationPeriodView, 'decisionId' | 'startsOn'>): Promise<{ day: string; source: 'decision' | 'period-start' }> {
  if (period.decisionId) {
    const [table] = await runner.query<{ present: boolean }>(`SELECT to_regclass('orientation_decision') IS NOT NULL AS present`);
    if (table.present) {
      const [decision] = await runner.query<{ day: string | null }>(`SELECT to_char(diagnostic_on, 'YYYY-MM-DD') AS day FROM orientation_decision WHERE id = $1`, [period.decisionId]);
      if (decision?.day) return { day: decision.day, source: 'decision' };
    }
  }
  return { day: period.startsOn, source: 'period-start' };
}

/**
 * When the first appointment takes place: the time asked for (in the future, on a working day during
 * office hours, on or before the deadline), or by default the next working day at 09:00. While the deadline is
 * ahead, a time after it is refused with the deadline; once it has passed (a person assigned
 * late, an appointment missed), the appointment is necessarily late and says why.
 */
export function planFirstAppointment(now: Date, deadline: string, requested: Date | null, lateReason: LateReason | null): { at: Date; late: boolean; lateReason: LateReason | null } {
  const today = parisDateOf(now);
  const at = requested ?? parisInstant(addWorkingDays(today, 1), DEFAULT_FIRST_APPOINTMENT_TIME);
  if (requested && requested.getTime() <= now.getTime()) {
    throw new OrientationError(OrientationErrorCode.FirstAppointmentInvalid, 'The first appointment must be in the future', { at: requested.toISOString() });
  }
  const day = parisDateOf(at);
  if (requested && day > deadline && deadline >= today) {
    throw new OrientationError(OrientationErrorCode.FirstAppointmentInvalid, `The first accompaniment appointment is due by ${deadline} (5 working days after the diagnostic): choose a time on or before that day`, {
      deadline, day,
    });
  }
  if (requested && !isWorkingDay(day)) {
    throw new OrientationError(OrientationErrorCode.FirstAppointmentInvalid, 'The first appointment falls on a working day (not a weekend or a public holiday)', { day });
  }
  const time = parisTimeOf(at);
  if (requested && (time < FIRST_APPOINTMENT_HOURS.from || time > FIRST_APPOINTMENT_HOURS.lastStart)) {
    throw new OrientationError(
      OrientationErrorCode.FirstAppointmentInvalid,
      `The first appointment begins during office hours, Paris time: from ${FIRST_APPOINTMENT_HOURS.from} to ${FIRST_APPOINTMENT_HOURS.lastStart}`,
      { day, time, ...FIRST_APPOINTMENT_HOURS },
    );
  }
  if (day <= deadline) return { at, late: false, lateReason: null };
  if (!lateReason) {
    throw new OrientationError(OrientationErrorCode.FirstAppointmentInvalid, `The first appointment would fall after its deadline (${deadline}): give a time on or before it, or say why it is late, one of ${LATE_REASONS.join(', ')}`, { deadline, lateReasons: LATE_REASONS });
  }
  return { at, late: true, lateReason };
}

/** Where a person's first appointment stands today: what the overdue list and the portfolio show. */
export function firstAppointmentState(appointment: Pick<FirstAppointmentView, 'status' | 'at' | 'deadline'> | null, deadline: string, now: Date): { state: string; overdue: boolean; missing: boolean } {
  const today = parisDateOf(now);
  if (appointment?.status === 'honoured') return { state: 'honoured', overdue: false, missing: false };
  if (appointment?.status === 'planned') {
    const past = new Date(appointment.at).getTime() <= now.getTime();
    return { state: past ? 'outcome-to-record' : 'planned', overdue: deadline < today, missing: false };
  }
  return { state: appointment ? `${appointment.status}-to-reschedule` : 'to-schedule', overdue: deadline < today, missing: true };
}

/**
 * The first accompaniment appointment within 5 working days of the diagnostic (DOMAIN.md §2.5,
 * French public holidays excluded): scheduled at assignment (or again after a miss), its outcome
 * recorded by the referent, and the list of people whose first appointment is overdue or missing.
 */
export class FirstAppointments {
  constructor(
    private readonly pool: Pool,
    private readonly persons: PersonAccess,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Writes the appointment and tells the referent, in the caller's transaction. */
  static async scheduleIn(
    runner: SqlRunner,
    actor: Actor,
    period: OrientationPeriodView,
    referentId: string,
    now: Date,
    requested: Date | null,
    lateReason: LateReason | null,
  ): Promise<FirstAppointmentView> {
    const diagnostic = await diagnosticDayOf(runner, period);
    const deadline = firstAppointmentDeadline(diagnostic.day);
    const plan = planFirstAppointment(now, deadline, requested, lateReason);
    const id = randomUUID();
    try {
      const [row] = await runner.query<FirstAppointmentView>(
        `INSERT INTO portfolio_first_appointment (id, person_id, period_id, referent_id, at, diagnostic_on, diagnostic_source, deadline, late, late_reason, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${FIRST_APPOINTMENT_COLUMNS}`,
        [id, period.personId, period.id, referentId, plan.at, diagnostic.day, diagnostic.source, deadline, plan.late, plan.lateReason, now, actorRef(actor)],
      );
      await Notices.notify(runner, [
        {
          recipientId: referentId, kind: 'first-appointment-due', personId: period.personId, subject: { type: 'first-appointment', id },
          detail: { at: plan.at.toISOString(), deadline, late: plan.late }, dueOn: deadline, dedupeKey: `first-appointment:${id}`,
        },
      ]);
      return row;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new OrientationError(OrientationErrorCode.FirstAppointmentState, 'This person already has a planned or honoured first appointment', { personId: period.personId });
      }
      throw error;
    }
  }

  /** Schedule the first appointment again (after a miss or a cancellation): the person's referent or a coordinator. */
  async schedule(actor: Actor, personId: string, input: { at?: string | null; lateReasonCode?: LateReason | null }) {
    const action = 'portfolio.first-appointment.schedule';
    await this.persons.require(actor, Permission.PortfolioRead, personId, action);
    const now = this.clock.now();
    const view = await inPgTransaction(this.pool, async (runner) => {
      const period = await OrientationPeriods.lockCurrent(runner, personId);
      if (!period) throw new OrientationError(OrientationErrorCode.NoCurrentOrientation, 'This person has no current orientation', { personId });
      if (!period.referentId) throw new OrientationError(OrientationErrorCode.FirstAppointmentState, 'Assign a referent first: the first appointment is with them', { personId });
      await this.requireReferentOrManager(actor, period.referentId, personId, action);
      const scheduled = await FirstAppointments.scheduleIn(runner, actor, period, period.referentId, now, input.at ? new Date(input.at) : null, input.lateReasonCode ?? null);
      await this.audit.record(
        {
          actor, action, outcome: 'allowed', target: { type: 'first-appointment', id: scheduled.id }, subjectIds: [personId], reasonCode: scheduled.lateReason,
          detail: { at: scheduled.at, deadline: scheduled.deadline, late: scheduled.late },
        },
        runner,
      );
      return scheduled;
    });
    return { ...view, ...firstAppointmentState(view, view.deadline, now) };
  }

  /** The outcome, by the referent (or a coordinator): honoured or missed once its time has come, cancelled before. */
  async recordOutcome(actor: Actor, appointmentId: string, status: FirstAppointmentOutcome) {
    const action = 'portfolio.first-appointment.outcome';
    const { rows } = await this.pool.query<FirstAppointmentView>(`SELECT ${FIRST_APPOINTMENT_COLUMNS} FROM portfolio_first_appointment WHERE id = $1`, [appointmentId]);
    if (!rows[0]) throw new OrientationError(OrientationErrorCode.FirstAppointmentNotFound, 'No such first appointment', { appointmentId });
    const personId = rows[0].personId;
    await this.persons.require(actor, Permission.PortfolioRead, personId, action);
    await this.requireReferentOrManager(actor, rows[0].referentId, personId, action);
    const now = this.clock.now();
    if (status !== 'cancelled' && now.getTime() < new Date(rows[0].at).getTime()) {
      throw new OrientationError(OrientationErrorCode.FirstAppointmentState, 'Honoured or missed is recorded once the appointment has started', { at: rows[0].at });
    }
    const view = await inPgTransaction(this.pool, async (runner) => {
      const [row] = await runner.query<FirstAppointmentView>(
        `UPDATE portfolio_first_appointment SET status = $2, outcome_at = $3, outcome_by = $4, version = version + 1
          WHERE id = $1 AND status = 'planned' RETURNING ${FIRST_APPOINTMENT_COLUMNS}`,
        [appointmentId, status, now, actorRef(actor)],
      );
      if (!row) throw new OrientationError(OrientationErrorCode.FirstAppointmentState, `This first appointment is already ${rows[0].status}`, { status: rows[0].status });
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'first-appointment', id: appointmentId }, subjectIds: [personId], detail: { status } }, runner);
      return row;
    });
    return { ...view, ...firstAppointmentState(view, view.deadline, now) };
  }

  /** People of the territory with a referent whose first appointment is overdue (deadline passed, not honoured) or missing (none planned). */
  async overdue(actor: Actor, territoryId: string) {
    const action = 'portfolio.first-appointment.overdue';
    await this.policy.requireTerritory(actor, Permission.PortfolioManage, territoryId, { action, target: { type: 'territory', id: territoryId } });
    const now = this.clock.now();
    const { rows } = await this.pool.query<{
      personId: string; periodId: string; referentId: string; dominante: string; startsOn: string; decisionId: string | null; appointment: FirstAppointmentView | null;
    }>(
      `SELECT p.person_id AS "personId", p.id AS "periodId", p.referent_id AS "referentId", p.dominante, to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn",
              p.decision_id AS "decisionId", (SELECT row_to_json(f) FROM (SELECT ${FIRST_APPOINTMENT_COLUMNS} FROM portfolio_first_appointment fa WHERE fa.period_id = p.id
                  ORDER BY (fa.status IN ('planned', 'honoured')) DESC, fa.created_at DESC LIMIT 1) f) AS appointment
         FROM orientation_period p
        WHERE p.ends_on IS NULL AND p.referent_id IS NOT NULL AND p.territory_id = $1
          AND NOT EXISTS (SELECT 1 FROM portfolio_first_appointment h WHERE h.period_id = p.id AND h.status = 'honoured')
        ORDER BY p.starts_on, p.person_id`,
      [territoryId],
    );
    const items = [];
    for (const r of rows) {
      const deadline = r.appointment?.deadline ?? firstAppointmentDeadline((await diagnosticDayOf(sqlRunnerOf(this.pool), r)).day);
      const state = firstAppointmentState(r.appointment, deadline, now);
      if (state.overdue || state.missing) items.push({ personId: r.personId, periodId: r.periodId, referentId: r.referentId, dominante: r.dominante, deadline, ...state, appointment: r.appointment });
    }
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'territory', id: territoryId }, subjectIds: items.map((i) => i.personId), detail: { count: items.length } });
    return { territoryId, on: parisDateOf(now), items };
  }

  private async requireReferentOrManager(actor: Actor, referentId: string, personId: string, action: string): Promise<void> {
    const own = actor.kind === 'user' && actor.professionalId === referentId;
    if (own || hasPermission(actor, Permission.PortfolioManage)) return;
    await this.policy.refuse(actor, { action, target: { type: 'person', id: personId }, subjectIds: [personId] }, new AccessDeniedError(AccessErrorCode.Forbidden, "The person's referent or a coordinator records the first appointment"));
  }
}
