import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { hasPermission, Permission, type Actor } from '@rsa/kernel';
import { actorRef, type AccessPolicy } from '@rsa/access';
import type { BeneficiaryRetention } from '@rsa/beneficiary';
import type { IntakeRetention } from '@rsa/intake';
import { diffOf, inPgTransaction, type AuditTrail } from '@rsa/platform';
import { CATEGORY_NAMES, checkPeriods, cutoffOf, RetentionError, RetentionErrorCode, type RetentionCategory } from '../domain/retention-categories';

export interface RetentionRunReport {
  id: string;
  mode: 'dry-run' | 'apply';
  startedAt: string;
  finishedAt: string;
  categories: Record<RetentionCategory, { months: number; cutoff: string; found: Record<string, number>; applied: boolean }>;
}

/**
 * Retention: the periods per category, and the run that applies them. A dry run (the default, and
 * the only mode an administrator can start from the API) reports what is past its period; `apply`
 * (RETENTION_MODE=apply for the nightly job, or the CLI's --apply) anonymises and deletes it. Each
 * run is stored with its report and audited.
 */
export class Retention {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly intake: IntakeRetention,
    private readonly beneficiaries: BeneficiaryRetention,
  ) {}

  async policies(actor: Actor) {
    await this.policy.require(actor, Permission.RetentionManage, { action: 'retention.policy.list' });
    const { rows } = await this.pool.query(`SELECT category, months, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM retention_policy ORDER BY category`);
    return rows;
  }

  async setPeriod(actor: Actor, category: string, months: number) {
    const action = 'retention.policy.update';
    await this.policy.require(actor, Permission.RetentionManage, { action, target: { type: 'retention-policy', id: category } });
    if (!(CATEGORY_NAMES as string[]).includes(category)) throw new RetentionError(RetentionErrorCode.UnknownCategory, `No retention category ${category}`, { categories: CATEGORY_NAMES });
    return inPgTransaction(this.pool, async (runner) => {
      const current = await runner.query<{ category: RetentionCategory; months: number }>(`SELECT category, months FROM retention_policy FOR UPDATE`);
      const periods = Object.fromEntries(current.map((r) => [r.category, r.months])) as Record<RetentionCategory, number>;
      const before = periods[category as RetentionCategory];
      checkPeriods({ ...periods, [category]: months });
      await runner.query(`UPDATE retention_policy SET months = $2, updated_at = now(), updated_by = $3 WHERE category = $1`, [category, months, actorRef(actor)]);
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'retention-policy', id: category }, diff: diffOf({ months: before }, { months }) }, runner);
      return { category, months };
    });
  }

  async runs(actor: Actor, limit: number) {
    await this.policy.require(actor, Permission.RetentionManage, { action: 'retention.run.list' });
    const { rows } = await this.pool.query(
      `SELECT id, mode, started_at AS "startedAt", finished_at AS "finishedAt", actor, report FROM retention_run ORDER BY started_at DESC LIMIT $1`,
      [limit],
    );
    return rows;
  }

  /** `apply` needs `retention:run` (the worker, the CLI); a dry run is also open to whoever manages retention. */
  async run(actor: Actor, options: { apply: boolean; now?: Date }): Promise<RetentionRunReport> {
    const action = 'retention.run';
    const needed = options.apply || hasPermission(actor, Permission.RetentionRun) ? Permission.RetentionRun : Permission.RetentionManage;
    await this.policy.require(actor, needed, { action });
    const now = options.now ?? new Date();
    const id = randomUUID();
    const startedAt = new Date();
    const mode = options.apply ? 'apply' : 'dry-run';
    await this.pool.query(`INSERT INTO retention_run (id, mode, started_at, actor) VALUES ($1, $2, $3, $4)`, [id, mode, startedAt, actorRef(actor)]);
    const { rows } = await this.pool.query<{ category: RetentionCategory; months: number }>(`SELECT category, months FROM retention_policy`);
    const months = Object.fromEntries(rows.map((r) => [r.category, r.months])) as Record<RetentionCategory, number>;
    checkPeriods(months);
    const cutoff = (category: RetentionCategory) => cutoffOf(now, months[category]);
    const entry = async (category: RetentionCategory, found: object) => ({ months: months[category], cutoff: cutoff(category).toISOString(), found: { ...found }, applied: options.apply });
    // Raw data first: by construction it is past its period before the identities it holds are.
    const categories = {
      'intake-raw': await entry('intake-raw', await this.intake.purgeRawBefore(cutoff('intake-raw'), options.apply)),
      'beneficiary-inactive': await entry(
        'beneficiary-inactive',
        await this.beneficiaries.anonymiseInactiveBefore(cutoff('beneficiary-inactive'), options.apply, (runner, personIds) =>
          // Each person's trail (and their data-subject export) shows that their identity was removed, and when.
          this.audit.record({ actor, action: 'retention.anonymise', outcome: 'allowed', target: { type: 'retention-run', id }, subjectIds: personIds, detail: { persons: personIds.length } }, runner),
        ),
      ),
      'audit-sensitive': await entry('audit-sensitive', { entries: await this.audit.anonymiseSensitiveBefore(cutoff('audit-sensitive'), options.apply) }),
    } as RetentionRunReport['categories'];
    const finishedAt = new Date();
    const report: RetentionRunReport = { id, mode, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), categories };
    await this.pool.query(`UPDATE retention_run SET finished_at = $2, report = $3 WHERE id = $1`, [id, finishedAt, JSON.stringify(categories)]);
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'retention-run', id }, detail: { mode, categories } });
    return report;
  }
}
