import type { Pool } from 'pg';
import type { AccessPolicy } from '@rsa/access';
import { Clock, Permission, type Actor } from '@rsa/kernel';
import { sqlRunnerOf, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { BARRIER_THEMES, factsOf, type BarrierLevel, type DiagnosticContent, type OrientationCriteria, type ThemeAssessment } from '../domain/diagnostic';
import type { Dominante } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { matchingRule } from '../domain/rule-set';
import { mixOf, type MixReport } from '../domain/simulation';
import { currentCommunesSql, requireTerritoryExists, requireTerritorySetting } from './orientation-context';
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
  /** The levels in BARRIER_THEMES order, comma-separated, empty for a theme not assessed. */
  levels: string;
  age: number;
}

/**
 * Each theme's level, one path lookup per theme (cheaper in PostgreSQL than jsonb_each and an
 * aggregate), as one string (cheaper to parse here than a jsonb object or a text array).
 */
const LEVELS_SQL = `array_to_string(ARRAY[${BARRIER_THEMES.map((t) => `v.content #>> '{themes,${t},level}'`).join(', ')}], ',', '')`;

/**
 * The diagnosed population of a territory: people whose current dossier has its commune in the
 * territory (as the proposal reads it: each person in one territory), each with the latest version
 * of their latest diagnostic. One query; only the criteria, the theme levels and the age leave the
 * database.
 *
 * The current dossier is currentCommuneSql's, in set form (currentCommunesSql: one definition of
 * where a person lives for the proposal and the simulation). Evaluated person by person over every diagnostic of the Département it took about 4 s for a
 * territory of 30,000 people (npm run bench:orientation); here it is computed once, for the people
 * who can live in the territory only: a member of one of its dossiers (the current dossier is one
 * of the person's dossiers), diagnosed.
 */
async function diagnosedPopulation(runner: SqlRunner, territoryId: string): Promise<Diagnosed[]> {
  return runner.query<Diagnosed>(
    `WITH candidates AS (
       SELECT DISTINCT m.person_id FROM access_territory_commune tc
         JOIN beneficiary_dossier bd ON bd.commune_insee = tc.insee
         JOIN beneficiary_member m ON m.dossier_id = bd.id
        WHERE tc.territory_id = $1 AND EXISTS (SELECT 1 FROM orientation_diagnostic x WHERE x.person_id = m.person_id)
     ), current_dossier AS (
       ${currentCommunesSql('candidates')}
     ), latest AS (
       SELECT DISTINCT ON (d.person_id) d.id, d.latest_version
         FROM current_dossier cd
         JOIN access_territory_commune tc ON tc.insee = cd.commune_insee AND tc.territory_id = $1
         JOIN orientation_diagnostic d ON d.person_id = cd.person_id
        ORDER BY d.person_id, d.created_at DESC, d.id DESC
     )
     SELECT v.content->'criteria' AS criteria, ${LEVELS_SQL} AS levels, v.age
       FROM latest l JOIN orientation_diagnostic_version v ON v.diagnostic_id = l.id AND v.version = l.latest_version`,
    [territoryId],
  );
}

function contentOf(d: Diagnosed): DiagnosticContent {
  const levels = d.levels.split(',') as (BarrierLevel | '')[];
  const themes = Object.fromEntries(
    BARRIER_THEMES.map((t, i): [string, ThemeAssessment] => [t, { level: levels[i] || 'none', situations: [], objectives: [], supportWanted: false }]),
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
      const rule = matchingRule({ rules: set.rules }, content, factsOf(content, d.age));
      perRule.set(rule.id, (perRule.get(rule.id) ?? 0) + 1);
      return rule.then.dominante;
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
