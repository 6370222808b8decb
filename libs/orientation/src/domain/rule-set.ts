import { isOneOf } from '@rsa/kernel';
import type { StructureKind } from '@rsa/access';
import {
  AUTONOMIES,
  AVAILABILITIES,
  BARRIER_LEVELS,
  BARRIER_THEMES,
  EMPLOYMENT_SITUATIONS,
  LAST_EXPERIENCES,
  MOTIVATIONS,
  QUALIFICATION_LEVELS,
  type BarrierLevel,
  type BarrierTheme,
  type DiagnosticContent,
  type DiagnosticFacts,
  type OrientationCriteria,
} from './diagnostic';
import { DOMINANTES, type Dominante } from './dominante';

/** The criteria a rule may test against a list of accepted values. */
export const LISTED_CRITERIA = {
  availability: AVAILABILITIES,
  motivation: MOTIVATIONS,
  autonomy: AUTONOMIES,
  lastExperience: LAST_EXPERIENCES,
  employmentSituation: EMPLOYMENT_SITUATIONS,
  qualification: QUALIFICATION_LEVELS,
} as const;
export type ListedCriterion = keyof typeof LISTED_CRITERIA;

/** Counts and numbers a rule may bound (inclusive). */
export const BOUNDED_FACTS = ['age', 'blockingBarriers', 'peripheralBarriers'] as const;
export type BoundedFact = (typeof BOUNDED_FACTS)[number];

export type Condition =
  | { criterion: ListedCriterion; in: string[] }
  | { criterion: 'franceTravailRegistered'; is: boolean }
  | { fact: BoundedFact; min?: number; max?: number }
  | { theme: BarrierTheme; levels: BarrierLevel[] };

export interface Rule {
  /** Stable within the rule set: decisions cite it. */
  id: string;
  label: string;
  /** Every condition must hold; none: the catch-all. */
  when: Condition[];
  then: { dominante: Dominante; structureKinds: StructureKind[] };
  /** Where the rule comes from (a row of the référentiel, a territory's choice). */
  source?: string;
}

/** Ordered rules; the first that holds gives the proposal; the last is the catch-all. */
export interface RuleSet {
  rules: Rule[];
}

const REFERENT_KINDS: readonly StructureKind[] = ['departement-service', 'maison-nord-emploi', 'france-travail-agency', 'mission-locale', 'cap-emploi', 'partner-operator'];

/**
 * The référentiel's matrix (DOMAIN.md §4, L3112-3135) as the default rule set: Emploi when every
 * column says Emploi ("no major social difficulty": one peripheral barrier at most), Équilibre for "publics with 1 or 2 constraining criteria" (L3044) still
 * available and willing, Remobilisation for the rest, who cumulate several (L3053). A territory
 * adapts it ("à adapter").
 */
export const DEFAULT_RULE_SET: RuleSet = {
  rules: [
    {
      id: 'emploi',
      label: 'Disponible tout de suite, motivé, sans frein bloquant (un frein périphérique au plus), autonome, expérience récente',
      when: [
        { criterion: 'availability', in: ['immediate'] },
        { criterion: 'motivation', in: ['work-and-support'] },
        { fact: 'blockingBarriers', max: 0 },
        { fact: 'peripheralBarriers', max: 1 },
        { fact: 'age', max: 57 },
        { criterion: 'autonomy', in: ['complete'] },
        { criterion: 'lastExperience', in: ['recent'] },
        { criterion: 'employmentSituation', in: ['jobless', 'part-time-compatible'] },
      ],
      then: { dominante: 'emploi', structureKinds: ['france-travail-agency', 'maison-nord-emploi', 'partner-operator'] },
      source: 'référentiel §4, colonne Emploi (L3112-3135); faisceau « disponible, sans difficulté sociale majeure »',
    },
    {
      id: 'equilibre',
      label: 'Disponible bientôt ou tout de suite, motivé, un frein bloquant au plus, autonomie moyenne au moins',
      when: [
        { criterion: 'availability', in: ['immediate', 'near'] },
        { criterion: 'motivation', in: ['work-and-support'] },
        { fact: 'blockingBarriers', max: 1 },
        { fact: 'age', max: 58 },
        { criterion: 'autonomy', in: ['complete', 'medium'] },
        { criterion: 'lastExperience', in: ['recent', 'medium'] },
      ],
      then: { dominante: 'equilibre', structureKinds: ['france-travail-agency', 'maison-nord-emploi', 'partner-operator'] },
      source: 'référentiel §4, colonne Équilibre; « publics avec 1 ou 2 critères contraignants » (L3044)',
    },
    {
      id: 'remobilisation',
      label: 'Les autres situations : plusieurs freins, pas de disponibilité ou pas de projection vers l’emploi',
      when: [],
      then: { dominante: 'remobilisation', structureKinds: ['maison-nord-emploi', 'departement-service', 'partner-operator'] },
      source: 'référentiel §4, colonne Remobilisation; « publics cumulant plusieurs critères » (L3053)',
    },
  ],
};

/** Bounds of a rule set: a territory's matrix has a handful of rules, each a few conditions and a line of text. */
const MAX_RULES = 50;
const MAX_CONDITIONS = 20;
const MAX_RULE_LABEL = 160;
const MAX_RULE_SOURCE = 300;

/** What is wrong with a rule set (empty when it may be saved and used). */
export function ruleSetProblems(set: RuleSet): string[] {
  const problems: string[] = [];
  if (!Array.isArray(set.rules) || set.rules.length === 0) return ['rules: at least the catch-all is needed'];
  // Each rule's label and source are copied into every proposal and decision it makes: short texts.
  if (set.rules.length > MAX_RULES) return [`rules: ${MAX_RULES} at most`];
  const ids = new Set<string>();
  set.rules.forEach((rule, i) => {
    const at = `rules[${i}]`;
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(rule.id ?? '')) problems.push(`${at}.id: lowercase letters, digits and dashes, 40 at most`);
    if (ids.has(rule.id)) problems.push(`${at}.id: ${rule.id} is used twice`);
    ids.add(rule.id);
    if (!rule.label?.trim()) problems.push(`${at}.label: missing`);
    else if (typeof rule.label !== 'string' || rule.label.length > MAX_RULE_LABEL) problems.push(`${at}.label: text of ${MAX_RULE_LABEL} characters at most`);
    if (rule.source !== undefined && rule.source !== null && (typeof rule.source !== 'string' || rule.source.length > MAX_RULE_SOURCE)) {
      problems.push(`${at}.source: text of ${MAX_RULE_SOURCE} characters at most`);
    }
    if ((rule.when ?? []).length > MAX_CONDITIONS) problems.push(`${at}.when: ${MAX_CONDITIONS} conditions at most`);
    if (!isOneOf(DOMINANTES, rule.then?.dominante)) problems.push(`${at}.then.dominante: one of ${DOMINANTES.join(', ')}`);
    if (!rule.then?.structureKinds?.length || rule.then.structureKinds.some((k) => !REFERENT_KINDS.includes(k))) problems.push(`${at}.then.structureKinds: at least one of ${REFERENT_KINDS.join(', ')}`);
    (rule.when ?? []).forEach((c, j) => problems.push(...conditionProblems(c).map((p) => `${at}.when[${j}]: ${p}`)));
    // Two tests of one thing in a rule either repeat or contradict each other (age 60 or more and 30 or less): one test each.
    const tested = (rule.when ?? []).map(testedBy);
    const twice = [...new Set(tested.filter((t, j) => tested.indexOf(t) !== j))];
    if (twice.length > 0) problems.push(`${at}.when: ${twice.join(', ')} tested more than once (give one condition for each)`);
    if (i < set.rules.length - 1 && (rule.when ?? []).length === 0) problems.push(`${at}: a rule without conditions must be the last one (the rules after it would never apply)`);
  });
  if ((set.rules[set.rules.length - 1].when ?? []).length > 0) problems.push('rules: the last rule must be the catch-all (no conditions), so that everyone gets a proposal');
  return problems;
}

/** What a condition tests: its criterion, fact or theme. */
function testedBy(c: Condition): string {
  return 'criterion' in c ? c.criterion : 'fact' in c ? c.fact : c.theme;
}

/** The largest sensible bound of each fact: an age, and counts of the eight themes. */
const FACT_LIMITS: Record<BoundedFact, number> = { age: 120, blockingBarriers: BARRIER_THEMES.length, peripheralBarriers: BARRIER_THEMES.length };

function conditionProblems(c: Condition): string[] {
  if ('criterion' in c && c.criterion === 'franceTravailRegistered') return typeof c.is === 'boolean' ? [] : ['is: true or false'];
  if ('criterion' in c) {
    // Own keys only: `constructor` or `toString` are no criteria.
    const allowed = (Object.hasOwn(LISTED_CRITERIA, c.criterion) ? LISTED_CRITERIA[c.criterion] : undefined) as readonly string[] | undefined;
    if (!allowed) return [`criterion: one of ${[...Object.keys(LISTED_CRITERIA), 'franceTravailRegistered'].join(', ')}`];
    if (!Array.isArray(c.in) || c.in.length === 0 || c.in.some((v) => !allowed.includes(v))) return [`in: values among ${allowed.join(', ')}`];
    if (new Set(c.in).size !== c.in.length) return ['in: a value given twice'];
    return [];
  }
  if ('fact' in c) {
    if (!isOneOf(BOUNDED_FACTS, c.fact)) return [`fact: one of ${BOUNDED_FACTS.join(', ')}`];
    const bounds = [c.min, c.max].filter((b) => b !== undefined);
    const limit = FACT_LIMITS[c.fact];
    if (bounds.length === 0 || bounds.some((b) => !Number.isInteger(b) || (b as number) < 0 || (b as number) > limit)) return [`min and/or max: whole numbers from 0 to ${limit}`];
    if (c.min !== undefined && c.max !== undefined && c.min > c.max) return ['min is above max'];
    return [];
  }
  if ('theme' in c) {
    if (!isOneOf(BARRIER_THEMES, c.theme)) return [`theme: one of ${BARRIER_THEMES.join(', ')}`];
    if (!Array.isArray(c.levels) || c.levels.length === 0 || c.levels.some((l) => !isOneOf(BARRIER_LEVELS, l))) return [`levels: among ${BARRIER_LEVELS.join(', ')}`];
    return [];
  }
  return ['a condition tests a criterion, a fact (age, blockingBarriers, peripheralBarriers) or a theme'];
}

/** One condition checked against a diagnostic, in words. */
export interface ConditionCheck {
  condition: Condition;
  holds: boolean;
  /** e.g. "availability: immediate (expected immediate)". */
  explanation: string;
}

export interface Proposal {
  dominante: Dominante;
  structureKinds: StructureKind[];
  ruleId: string;
  ruleLabel: string;
  source: string | null;
  /** The conditions of the rule that applied, each holding. */
  because: ConditionCheck[];
  /** The rules before it and the first of their conditions that did not hold. */
  notBecause: { ruleId: string; failed: ConditionCheck }[];
}

/** Whether a condition holds: the test alone, for the proposal's explanation and the simulation's count. */
function holds(c: Condition, criteria: OrientationCriteria, content: DiagnosticContent, facts: DiagnosticFacts): boolean {
  if ('criterion' in c && c.criterion === 'franceTravailRegistered') return criteria.franceTravailRegistered === c.is;
  if ('criterion' in c) return c.in.includes(criteria[c.criterion]);
  if ('fact' in c) {
    const value = factValue(c.fact, facts);
    return (c.min === undefined || value >= c.min) && (c.max === undefined || value <= c.max);
  }
  return c.levels.includes(content.themes[c.theme].level);
}

function factValue(fact: BoundedFact, facts: DiagnosticFacts): number {
  return fact === 'age' ? facts.age : fact === 'blockingBarriers' ? facts.blocking.length : facts.peripheral.length;
}

function check(c: Condition, criteria: OrientationCriteria, content: DiagnosticContent, facts: DiagnosticFacts): ConditionCheck {
  const result = holds(c, criteria, content, facts);
  if ('criterion' in c && c.criterion === 'franceTravailRegistered') {
    return { condition: c, holds: result, explanation: `franceTravailRegistered: ${criteria.franceTravailRegistered} (expected ${c.is})` };
  }
  if ('criterion' in c) {
    return { condition: c, holds: result, explanation: `${c.criterion}: ${criteria[c.criterion]} (expected ${c.in.join(' or ')})` };
  }
  if ('fact' in c) {
    const expected = c.min !== undefined && c.max !== undefined ? `${c.min} to ${c.max}` : c.min !== undefined ? `at least ${c.min}` : `at most ${c.max}`;
    const detail = c.fact === 'blockingBarriers' && facts.blocking.length ? ` [${facts.blocking.join(', ')}]` : c.fact === 'peripheralBarriers' && facts.peripheral.length ? ` [${facts.peripheral.join(', ')}]` : '';
    return { condition: c, holds: result, explanation: `${c.fact}: ${factValue(c.fact, facts)}${detail} (expected ${expected})` };
  }
  return { condition: c, holds: result, explanation: `${c.theme}: ${content.themes[c.theme].level} (expected ${c.levels.join(' or ')})` };
}

/**
 * The proposal of a rule set for a diagnostic: the first rule whose conditions all hold, with
 * those conditions in words, and for each rule before it the condition that ruled it out.
 */
export function propose(set: RuleSet, content: DiagnosticContent, facts: DiagnosticFacts): Proposal {
  const notBecause: Proposal['notBecause'] = [];
  for (const rule of set.rules) {
    const checks = rule.when.map((c) => check(c, content.criteria, content, facts));
    const failed = checks.find((c) => !c.holds);
    if (!failed) {
      return { dominante: rule.then.dominante, structureKinds: rule.then.structureKinds, ruleId: rule.id, ruleLabel: rule.label, source: rule.source ?? null, because: checks, notBecause };
    }
    notBecause.push({ ruleId: rule.id, failed });
  }
  // ruleSetProblems guarantees a catch-all: a set that reaches here was never validated.
  throw new RangeError('The rule set has no catch-all rule');
}

/**
 * The rule of a rule set that gives a diagnostic's proposal, without the words: what `propose`
 * picks, for the simulation, which counts tens of thousands of people and shows no explanation.
 */
export function matchingRule(set: RuleSet, content: DiagnosticContent, facts: DiagnosticFacts): Rule {
  const rule = set.rules.find((r) => r.when.every((c) => holds(c, content.criteria, content, facts)));
  if (!rule) throw new RangeError('The rule set has no catch-all rule');
  return rule;
}
