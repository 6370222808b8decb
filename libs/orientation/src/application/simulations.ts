import type { Pool } from 'pg';
import type { AccessPolicy } from '@rsa/access';
import { Clock, Permission, type Actor } from '@rsa/kernel';
import { sqlRunnerOf, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { BARRIER_THEMES, factsOf, type BarrierLevel, type DiagnosticContent, type OrientationCriteria, type ThemeAssessment } from '../domain/diagnostic';
import type { Dominante } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { propose } from '../domain/rule-set';
import { mixOf, type MixReport } from '../domain/simulation';
import { currentCommuneSql, requireTerritoryExists, requireTerritorySetting } from './orientation-context';
import { currentRuleSet, ruleSetById, type RuleSetView } from './rule-sets';
import { targetMixOf, type TargetMixView } from './target-mixes';

export interface SimulationReport extends MixReport {
  territoryId: string;
  ruleSet: { id: string | null; version: number; status: string; label: string };
  targetSource: TargetMixView['source'];
  /** How many people each rule gave their proposal, in the rule set's order. */
  perRule: { ruleId: string; label: string; dominante: Dominante; people: number }[];
  /** When it ran (the clock's now) and how long it took, in milliseconds. */
  ranAt: Date;
  durationMs: number;
}

/** What a rule can test of a diagnostic: the criteria and each theme's level (the rest is not read by rules). */
interface Diagnosed {
  criteria: OrientationCriteria;
  levels: Record<string, BarrierLevel>;
  age: number;
}

/**
 * The diagnosed population of a territory: people whose current dossier has its commune in the
 * territory (currentCommuneSql, as the proposal reads it: each person in one territory), each with
 * the latest version of their latest diagnostic. One query; only the criteria, the theme levels and
 * the age leave the database.
 */
async function diagnosedPopulation(runner: SqlRunner, territoryId: string): Promise<Diagnosed[]> {
  return runner.query<Diagnosed>(
    `SELECT DISTINCT ON (d.person_id) v.content->'criteria' AS criteria,
            (SELECT jsonb_object_agg(t.key, t.value->'level') FROM jsonb_each(v.content->'themes') t) AS levels, v.age
       FROM orientation_diagnostic d
       JOIN orientation_diagnostic_version v ON v.diagnostic_id = d.id AND v.version = d.latest_version
      WHERE EXISTS (SELECT 1 FROM access_territory_commune tc WHERE tc.insee = ${currentCommuneSql('d.person_id')} AND tc.territory_id = $1)
      ORDER BY d.person_id, d.created_at DESC, d.id DESC`,
    [territoryId],
  );
}

function contentOf(d: Diagnosed): DiagnosticContent {
  const themes = Object.fromEntries(
    BARRIER_THEMES.map((t): [string, ThemeAssessment] => [t, { level: d.levels[t] ?? 'none', situations: [], objectives: [], supportWanted: false }]),
  ) as DiagnosticContent['themes'];
  return { themes, criteria: d.criteria, powerToAct: { confidence: 3, supportWanted: 2 }, wishes: { dominante: null, jobProjects: [], training: false, businessCreation: false } };
}

/**
 * Runs a territory's rule set (the current one, or a draft) over its diagnosed population without
 * writing anything (no decision, no period): the mix it would give against the territory's target,
 * and how many people each rule caught. Aggregates only. Read in one query (only the criteria, the
 * theme levels and the age of each person), computed in memory, so a territory of tens of
 * thousands of people is one pass over rows already small.
 */
export class Simulations {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async run(actor: Actor, territoryId: string, input: { ruleSetId?: string }): Promise<SimulationReport> {
    const action = 'orientation.simulation.run';
    await requireTerritorySetting(this.policy, actor, Permission.OrientationSimulate, territoryId, action);
    const runner = sqlRunnerOf(this.pool);
    await requireTerritoryExists(runner, territoryId);
    const started = Date.now();
    const ranAt = this.clock.now();
    const set: RuleSetView = input.ruleSetId ? await ruleSetById(runner, input.ruleSetId) : await currentRuleSet(runner, territoryId);
    if (set.territoryId !== territoryId) throw new OrientationError(OrientationErrorCode.RuleSetNotFound, 'This rule set belongs to another territory', { ruleSetId: input.ruleSetId, territoryId: set.territoryId });
    if (set.status === 'retired') throw new OrientationError(OrientationErrorCode.RuleSetState, 'A retired rule set is not simulated: simulate the current one or a draft', { ruleSetId: set.id });
    const [population, target] = await Promise.all([diagnosedPopulation(runner, territoryId), targetMixOf(runner, territoryId)]);
    const perRule = new Map(set.rules.map((r) => [r.id, 0]));
    const dominantes = population.map((d) => {
      const content = contentOf(d);
      const proposal = propose({ rules: set.rules }, content, factsOf(content, d.age));
      perRule.set(proposal.ruleId, (perRule.get(proposal.ruleId) ?? 0) + 1);
      return proposal.dominante;
    });
    const report: SimulationReport = {
      territoryId,
      ruleSet: { id: set.id, version: set.version, status: set.status, label: set.label },
      ...mixOf(dominantes, target.target),
      targetSource: target.source,
      perRule: set.rules.map((r) => ({ ruleId: r.id, label: r.label, dominante: r.then.dominante, people: perRule.get(r.id) ?? 0 })),
      ranAt,
      durationMs: Date.now() - started,
    };
    await this.audit.record({
      actor,
      action,
      outcome: 'allowed',
      target: { type: 'territory', id: territoryId },
      detail: { ruleSetId: set.id, version: set.version, people: report.people, counts: report.counts },
    });
    return report;
  }
}
