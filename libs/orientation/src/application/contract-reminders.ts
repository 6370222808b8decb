import type { Pool } from 'pg';
import { Clock, parisDateOf, Permission, systemActor, type Actor, type SystemActor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import { inPgTransaction, type AuditTrail } from '@rsa/platform';
import { EXPIRY_REMINDER_DAYS } from '../domain/contract';
import { Notices, type NewNotice } from './notices';

/** What the contract reminders act as when run on their own (the daily job runs them as `orientationRemindersActor`): they read contracts, nothing else. */
export function contractRemindersActor(): SystemActor {
  return systemActor('worker:contract-reminders', 'worker', [Permission.ContractRead]);
}

export interface ReminderReport {
  day: string;
  /** Periods of live contracts looked at (ending within 15 days, or with a bilan due and not held). */
  considered: number;
  expiring: number;
  bilanDue: number;
  /** Candidates whose orientation has no referent yet: nobody to remind. */
  withoutReferent: number;
}

interface Candidate {
  contract_id: string;
  person_id: string;
  seq: number;
  ends_on: string;
  remind_on: string;
  bilan_due_on: string;
  bilan_held: boolean;
  referent_id: string | null;
}

const BATCH = 500;

/**
 * The contract part of the daily reminders (OrientationReminders, job `orientation:reminders`).
 * Reminds each live contract's referent (the referent of its orientation period, read at the time
 * of the run) `EXPIRY_REMINDER_DAYS` (15) days before the current period ends (`contract-expiring`),
 * and from the day its bilan is due while it is not held (`bilan-due`). On the Clock's Paris day:
 * a run missed catches up the next day (the windows are ranges, not single days), and a run
 * repeated writes nothing new (dedupe keys per contract, period and kind).
 */
export class ContractReminders {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async run(actor: Actor = contractRemindersActor()): Promise<ReminderReport> {
    const action = 'contract.reminders';
    await this.policy.require(actor, Permission.ContractRead, { action });
    const day = parisDateOf(this.clock.now());
    const report: ReminderReport = { day, considered: 0, expiring: 0, bilanDue: 0, withoutReferent: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.pool.query<Candidate>(
        `SELECT c.id AS contract_id, c.person_id, p.seq, to_char(p.ends_on, 'YYYY-MM-DD') AS ends_on, to_char(p.remind_on, 'YYYY-MM-DD') AS remind_on,
                to_char(p.bilan_due_on, 'YYYY-MM-DD') AS bilan_due_on,
                EXISTS (SELECT 1 FROM contract_bilan b WHERE b.contract_id = c.id AND b.period_seq = p.seq) AS bilan_held, op.referent_id
           FROM contract c
           JOIN orientation_period op ON op.id = c.orientation_period_id AND op.ends_on IS NULL
           JOIN contract_period p ON p.contract_id = c.id AND NOT EXISTS (SELECT 1 FROM contract_period later WHERE later.contract_id = c.id AND later.seq > p.seq)
          WHERE c.status IN ('signed', 'renewed') AND c.id > $2
            AND ((p.remind_on <= $1 AND p.ends_on >= $1) OR p.bilan_due_on <= $1)
          ORDER BY c.id LIMIT ${BATCH}`,
        [day, after],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].contract_id;
      await inPgTransaction(this.pool, async (runner) => {
        const notices: NewNotice[] = [];
        for (const c of rows) {
          const expiring = c.remind_on <= day && c.ends_on >= day;
          const bilanDue = c.bilan_due_on <= day && !c.bilan_held;
          if (!expiring && !bilanDue) continue;
          report.considered++;
          if (!c.referent_id) {
            report.withoutReferent++;
            continue;
          }
          const subject = { type: 'contract', id: c.contract_id };
          if (expiring) {
            notices.push({
              recipientId: c.referent_id, kind: 'contract-expiring', personId: c.person_id, subject, dueOn: c.ends_on,
              detail: { periodSeq: c.seq, endsOn: c.ends_on, daysBefore: EXPIRY_REMINDER_DAYS }, dedupeKey: `contract:${c.contract_id}:p${c.seq}:expiring`,
            });
          }
          if (bilanDue) {
            notices.push({
              recipientId: c.referent_id, kind: 'bilan-due', personId: c.person_id, subject, dueOn: c.bilan_due_on,
              detail: { periodSeq: c.seq, bilanDueOn: c.bilan_due_on }, dedupeKey: `contract:${c.contract_id}:p${c.seq}:bilan-due`,
            });
          }
        }
        let written = 0;
        const subjects = new Set<string>();
        for (const notice of notices) {
          const n = await Notices.notify(runner, [notice]);
          written += n;
          if (n === 1) subjects.add(notice.personId as string);
          if (n === 1 && notice.kind === 'contract-expiring') report.expiring++;
          if (n === 1 && notice.kind === 'bilan-due') report.bilanDue++;
        }
        if (written > 0) {
          await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'contract-reminders', id: day }, subjectIds: [...subjects], detail: { written } }, runner);
        }
      });
      if (rows.length < BATCH) break;
    }
    return report;
  }
}
