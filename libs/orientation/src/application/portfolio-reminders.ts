import type { Pool } from 'pg';
import { Clock, parisDateOf, Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import { inPgTransaction, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { firstAppointmentDeadline } from '../domain/portfolio';
import { Notices, type NewNotice } from './notices';
import { referentRecords } from './portfolio-directory';
import { territoryCoordinators } from './orientation-context';
import { nextReviewDueOn, reviewIntervalOf } from './portfolio-reviews';

export interface PortfolioReminderReport {
  day: string;
  /** Open periods with a referent whose first appointment's deadline has passed with none honoured. */
  firstAppointmentsOverdue: number;
  /** Referents holding people whose portfolio review is due (its day has come, no review since). */
  reviewsDue: number;
  /** Notices written by this run (none when the same day runs again). */
  written: number;
}

interface OverdueCandidate {
  period_id: string;
  person_id: string;
  referent_id: string;
  territory_id: string;
  diagnostic_on: string;
  /** The deadline kept on the latest first appointment of the period, if one was scheduled. */
  deadline: string | null;
  appointment_id: string | null;
  appointment_status: string | null;
}

const BATCH = 500;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The portfolio part's daily reminders, on the Clock's Paris day:
 * - the **first accompaniment appointment** (5 working days after the diagnostic, DOMAIN.md §2.5):
 *   from the day after its deadline, while none is honoured (none scheduled, one missed or
 *   cancelled, or one whose outcome is not recorded), the period's referent and the territory's
 *   coordinators get a `first-appointment-overdue` notice, once per period;
 * - the **portfolio review**: from its due day (PortfolioReviews: the day the last review set, or
 *   one interval after the first assignment), while no review is recorded, the referent and the
 *   coordinators of their home territory get a `portfolio-review-reminder`, once per due day.
 * The windows are ranges, so a missed run catches up the next day; a repeated run writes nothing
 * new (dedupe keys). Only open periods count: a person who left the portfolio is not reminded of.
 */
export class PortfolioReminders {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async run(actor: Actor): Promise<PortfolioReminderReport> {
    const action = 'portfolio.reminders';
    await this.policy.require(actor, Permission.PortfolioRead, { action });
    const day = parisDateOf(this.clock.now());
    const report: PortfolioReminderReport = { day, firstAppointmentsOverdue: 0, reviewsDue: 0, written: 0 };
    const coordinators = new Map<string, string[]>();
    const coordinatorsOfTerritory = async (runner: SqlRunner, territoryId: string | null): Promise<string[]> => {
      if (!territoryId) return [];
      if (!coordinators.has(territoryId)) coordinators.set(territoryId, await territoryCoordinators(runner, territoryId, day));
      return coordinators.get(territoryId) as string[];
    };

    for (let after = FIRST_ID; ; ) {
      // Five working days take at least seven calendar days: a diagnostic of the last five days has no deadline passed yet.
      const { rows } = await this.pool.query<OverdueCandidate>(
        `SELECT p.id AS period_id, p.person_id, p.referent_id, p.territory_id, to_char(COALESCE(d.diagnostic_on, p.starts_on), 'YYYY-MM-DD') AS diagnostic_on,
                fa.deadline, fa.id AS appointment_id, fa.status AS appointment_status
           FROM orientation_period p
           LEFT JOIN orientation_decision d ON d.id = p.decision_id
           LEFT JOIN LATERAL (SELECT f.id, f.status, to_char(f.deadline, 'YYYY-MM-DD') AS deadline FROM portfolio_first_appointment f WHERE f.period_id = p.id
                               ORDER BY (f.status = 'planned') DESC, f.created_at DESC LIMIT 1) fa ON TRUE
          WHERE p.ends_on IS NULL AND p.referent_id IS NOT NULL AND p.id > $2
            AND COALESCE(d.diagnostic_on, p.starts_on) < $1::date - 5
            AND NOT EXISTS (SELECT 1 FROM portfolio_first_appointment h WHERE h.period_id = p.id AND h.status = 'honoured')
          ORDER BY p.id LIMIT ${BATCH}`,
        [day, after],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].period_id;
      await inPgTransaction(this.pool, async (runner) => {
        const notices: NewNotice[] = [];
        for (const c of rows) {
          // The same deadline the appointment was scheduled against, or the one it should have had.
          const deadline = c.deadline ?? firstAppointmentDeadline(c.diagnostic_on);
          if (deadline >= day) continue;
          report.firstAppointmentsOverdue++;
          const to = [...new Set([c.referent_id, ...(await coordinatorsOfTerritory(runner, c.territory_id))])];
          notices.push(
            ...to.map((recipientId) => ({
              recipientId, kind: 'first-appointment-overdue' as const, personId: c.person_id, subject: { type: 'orientation-period', id: c.period_id }, dueOn: deadline,
              detail: { deadline, referentId: c.referent_id, appointmentId: c.appointment_id, appointmentStatus: c.appointment_status },
              dedupeKey: `first-appointment-overdue:${c.period_id}`,
            })),
          );
        }
        await this.write(runner, actor, action, day, notices, report);
      });
      if (rows.length < BATCH) break;
    }

    for (let after = FIRST_ID; ; ) {
      const { rows } = await this.pool.query<{ referent_id: string }>(
        `SELECT DISTINCT referent_id FROM orientation_period WHERE ends_on IS NULL AND referent_id IS NOT NULL AND referent_id > $1 ORDER BY referent_id LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].referent_id;
      await inPgTransaction(this.pool, async (runner) => {
        const ids = rows.map((r) => r.referent_id);
        const records = new Map((await referentRecords(runner, { ids }, day)).map((r) => [r.professionalId, r]));
        const notices: NewNotice[] = [];
        for (const referentId of ids) {
          const interval = await reviewIntervalOf(runner, records.get(referentId) ?? { professionalId: referentId, displayName: '', habilitations: [] });
          const dueOn = await nextReviewDueOn(runner, referentId, interval.months);
          if (dueOn === null || dueOn > day) continue;
          report.reviewsDue++;
          const to = [...new Set([referentId, ...(await coordinatorsOfTerritory(runner, interval.territoryId))])];
          notices.push(
            ...to.map((recipientId) => ({
              recipientId, kind: 'portfolio-review-reminder' as const, subject: { type: 'referent', id: referentId }, dueOn,
              detail: { referentId, dueOn, intervalMonths: interval.months }, dedupeKey: `portfolio-review-reminder:${referentId}:${dueOn}`,
            })),
          );
        }
        await this.write(runner, actor, action, day, notices, report);
      });
      if (rows.length < BATCH) break;
    }
    return report;
  }

  /** The new notices of one batch, and one audit event naming the people they are about. */
  private async write(runner: SqlRunner, actor: Actor, action: string, day: string, notices: readonly NewNotice[], report: PortfolioReminderReport): Promise<void> {
    let written = 0;
    const subjects = new Set<string>();
    for (const notice of notices) {
      const n = await Notices.notify(runner, [notice]);
      written += n;
      if (n === 1 && notice.personId) subjects.add(notice.personId);
    }
    report.written += written;
    if (written > 0) {
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'portfolio-reminders', id: day }, subjectIds: [...subjects], detail: { written } }, runner);
    }
  }
}

