import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { actorRef, type AccessPolicy } from '@rsa/access';
import { Clock, Permission, type Actor } from '@rsa/kernel';
import { ADVISORY_LOCKS, type AuditTrail, inPgTransaction, lockFor, type SqlRunner, sqlRunnerOf } from '@rsa/platform';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { isObject, unknownKeys } from '../domain/json-shape';
import { DEFAULT_RULE_SET, ruleSetProblems, type Rule, type RuleSet } from '../domain/rule-set';
import { requireTerritoryExists, requireTerritorySetting } from './orientation-context';

export type RuleSetStatus = 'draft' | 'active' | 'retired';

export interface RuleSetView {
  /** null for the référentiel (DEFAULT_RULE_SET), which has no row. */
  id: string | null;
  territoryId: string;
  /** 0 for the référentiel. */
  version: number;
  status: RuleSetStatus | 'default';
  label: string;
  rules: Rule[];
  createdAt: Date | null;
  createdBy: string | null;
  activatedAt: Date | null;
  retiredAt: Date | null;
}

const COLUMNS = `id, territory_id AS "territoryId", version, status, label, rules, created_at AS "createdAt", created_by AS "createdBy",
  activated_at AS "activatedAt", retired_at AS "retiredAt"`;

/** The référentiel's matrix (DOMAIN.md §4) as the rule set of a territory that has none active. */
export function defaultRuleSetView(territoryId: string): RuleSetView {
  return { id: null, territoryId, version: 0, status: 'default', label: 'référentiel', rules: DEFAULT_RULE_SET.rules, createdAt: null, createdBy: null, activatedAt: null, retiredAt: null };
}

/** The rule set a territory applies now: its active one, or the référentiel. */
export async function currentRuleSet(runner: SqlRunner, territoryId: string): Promise<RuleSetView> {
  const [row] = await runner.query<RuleSetView>(`SELECT ${COLUMNS} FROM orientation_rule_set WHERE territory_id = $1 AND status = 'active'`, [territoryId]);
  return row ?? defaultRuleSetView(territoryId);
}

export async function ruleSetById(runner: SqlRunner, id: string): Promise<RuleSetView> {
  const [row] = await runner.query<RuleSetView>(`SELECT ${COLUMNS} FROM orientation_rule_set WHERE id = $1`, [id]);
  if (!row) throw new OrientationError(OrientationErrorCode.RuleSetNotFound, 'No rule set with this id', { ruleSetId: id });
  return row;
}

const RULE_KEYS = ['id', 'label', 'when', 'then', 'source'];
const THEN_KEYS = ['dominante', 'structureKinds'];
/** The keys of each kind of condition (the first names the kind). */
const CONDITION_KEYS: readonly (readonly string[])[] = [['criterion', 'in'], ['criterion', 'is'], ['fact', 'min', 'max'], ['theme', 'levels']];

/** A condition's shape: one kind of test, with its own keys only (a bound given beside a criterion would be dropped unseen). */
function conditionShapeProblems(c: unknown): string[] {
  if (!isObject(c)) return ['a condition is an object'];
  const kinds = CONDITION_KEYS.filter((keys) => keys[0] in c && keys.slice(1).some((k) => k in c));
  if (kinds.length !== 1) return ['one test per condition: criterion with in (or is), fact with min and/or max, or theme with levels'];
  const extra = unknownKeys(c, kinds[0]);
  if (extra.length > 0) return [`unknown keys ${extra.join(', ')}`];
  if (typeof c[kinds[0][0]] !== 'string') return [`${kinds[0][0]}: a name`];
  return [];
}

/**
 * Problems of a rule set as received (any JSON): its shape first (each rule an object with its own
 * keys and types only: no note, no text beyond the label and source, can slip into what decisions
 * cite), then ruleSetProblems. Every problem found is listed.
 */
export function receivedRuleSetProblems(rules: unknown): string[] {
  if (!Array.isArray(rules)) return ['rules: a list of rules, the catch-all last'];
  const shape = rules.flatMap((r, i) => {
    const at = `rules[${i}]`;
    if (!isObject(r)) return [`${at}: an object with id, label, when and then`];
    const problems: string[] = [];
    const extra = unknownKeys(r, RULE_KEYS);
    if (extra.length > 0) problems.push(`${at}: unknown keys ${extra.join(', ')}`);
    if (typeof r.id !== 'string') problems.push(`${at}.id: text`);
    if (typeof r.label !== 'string') problems.push(`${at}.label: text`);
    if (r.source !== undefined && typeof r.source !== 'string') problems.push(`${at}.source: text`);
    if (!Array.isArray(r.when)) problems.push(`${at}.when: a list of conditions`);
    else r.when.forEach((c, j) => problems.push(...conditionShapeProblems(c).map((p) => `${at}.when[${j}]: ${p}`)));
    if (!isObject(r.then)) problems.push(`${at}.then: dominante and structureKinds`);
    else {
      const extraThen = unknownKeys(r.then, THEN_KEYS);
      if (extraThen.length > 0) problems.push(`${at}.then: unknown keys ${extraThen.join(', ')}`);
      if (!Array.isArray(r.then.structureKinds) || r.then.structureKinds.some((k) => typeof k !== 'string')) problems.push(`${at}.then.structureKinds: a list of structure kinds`);
    }
    return problems;
  });
  return shape.length > 0 ? shape : ruleSetProblems({ rules } as RuleSet);
}

/**
 * A territory's orientation rules (DOMAIN.md §4: the matrix is "à adapter"): drafts written by
 * the administrator, versioned per territory, one active at a time (the database's partial unique
 * index), activation retiring the previous one in the same transaction. Without an active set the
 * territory applies the référentiel (version 0). Changes are audited (no personal data in them).
 */
export class RuleSets {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, territoryId: string) {
    await requireTerritorySetting(this.policy, actor, Permission.OrientationSimulate, territoryId, 'orientation.rule-set.list');
    const runner = sqlRunnerOf(this.pool);
    await requireTerritoryExists(runner, territoryId);
    const ruleSets = await runner.query<RuleSetView>(`SELECT ${COLUMNS} FROM orientation_rule_set WHERE territory_id = $1 ORDER BY version DESC`, [territoryId]);
    return { territoryId, current: await currentRuleSet(runner, territoryId), ruleSets };
  }

  async get(actor: Actor, id: string): Promise<RuleSetView> {
    const set = await ruleSetById(sqlRunnerOf(this.pool), id);
    await requireTerritorySetting(this.policy, actor, Permission.OrientationSimulate, set.territoryId, 'orientation.rule-set.read');
    return set;
  }

  /** A new draft: the territory's next version. */
  async create(actor: Actor, territoryId: string, input: { label: string; rules: unknown }): Promise<RuleSetView> {
    const action = 'orientation.rule-set.create';
    await requireTerritorySetting(this.policy, actor, Permission.OrientationRules, territoryId, action);
    const problems = receivedRuleSetProblems(input.rules);
    if (problems.length > 0) throw new OrientationError(OrientationErrorCode.RuleSetInvalid, 'This rule set cannot be saved', { problems });
    const id = randomUUID();
    await inPgTransaction(this.pool, async (runner) => {
      await requireTerritoryExists(runner, territoryId);
      // Versions of one territory are numbered one after the other: writers of one territory queue here.
      await lockFor(runner, ADVISORY_LOCKS.orientationRuleSets, territoryId);
      const [row] = await runner.query<{ version: number }>(
        `INSERT INTO orientation_rule_set (id, territory_id, version, status, label, rules, created_at, created_by)
         SELECT $1, $2::varchar, COALESCE(max(version), 0) + 1, 'draft', $3, $4, $5, $6 FROM orientation_rule_set WHERE territory_id = $2::varchar RETURNING version`,
        [id, territoryId, input.label, JSON.stringify(input.rules), this.clock.now(), actorRef(actor)],
      );
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'rule-set', id }, detail: { territoryId, version: row.version, rules: (input.rules as unknown[]).length } }, runner);
    });
    return ruleSetById(sqlRunnerOf(this.pool), id);
  }

  /** The draft becomes the territory's rule set; the active one, if any, is retired at the same instant. */
  async activate(actor: Actor, id: string): Promise<RuleSetView> {
    const action = 'orientation.rule-set.activate';
    const set = await ruleSetById(sqlRunnerOf(this.pool), id);
    await requireTerritorySetting(this.policy, actor, Permission.OrientationRules, set.territoryId, action);
    const now = this.clock.now();
    await inPgTransaction(this.pool, async (runner) => {
      await lockFor(runner, ADVISORY_LOCKS.orientationRuleSets, set.territoryId);
      const [locked] = await runner.query<{ status: string }>(`SELECT status FROM orientation_rule_set WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.status !== 'draft') throw new OrientationError(OrientationErrorCode.RuleSetState, `Only a draft can be activated; this one is ${locked.status}`, { status: locked.status });
      const retired = await runner.query<{ id: string; version: number }>(
        `UPDATE orientation_rule_set SET status = 'retired', retired_at = $2 WHERE territory_id = $1 AND status = 'active' RETURNING id, version`,
        [set.territoryId, now],
      );
      await runner.query(`UPDATE orientation_rule_set SET status = 'active', activated_at = $2, activated_by = $3 WHERE id = $1`, [id, now, actorRef(actor)]);
      await this.audit.record(
        { actor, action, outcome: 'allowed', target: { type: 'rule-set', id }, detail: { territoryId: set.territoryId, version: set.version, retired: retired[0] ?? null } },
        runner,
      );
    });
    return ruleSetById(sqlRunnerOf(this.pool), id);
  }
}
