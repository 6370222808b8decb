import { isOneOf } from '@rsa/kernel';
import {
  AUTONOMIES,
  AVAILABILITIES,
  BARRIER_LEVELS,
  BARRIER_THEMES,
  EMPLOYMENT_SITUATIONS,
  LAST_EXPERIENCES,
  MOTIVATIONS,
  QUALIFICATION_LEVELS,
  contentProblems,
  type DiagnosticContent,
} from './diagnostic';
import { DOMINANTES } from './dominante';
import { isObject, unknownKeys } from './json-shape';

function extraKeys(value: Record<string, unknown>, allowed: readonly string[], at: string): string[] {
  return unknownKeys(value, allowed).map((k) => `${at}${k}: not part of a diagnostic (codes and checkboxes only, no free text)`);
}

function oneOf(value: unknown, allowed: readonly (string | number)[], at: string): string[] {
  return allowed.includes(value as string | number) ? [] : [`${at}: one of ${allowed.join(', ')}`];
}

function codes(value: unknown, at: string): string[] {
  return Array.isArray(value) && value.every((c) => typeof c === 'string') && value.length <= 20 ? [] : [`${at}: a list of codes (20 at most)`];
}

/**
 * What is wrong with a diagnostic's content as received (any JSON), shape first, then
 * `contentProblems`: nothing but the known fields, every value from its list. Health, like every
 * theme, is a level, codes and a checkbox: anything else (a free-text note, a diagnosis) is refused.
 */
export function diagnosticContentProblems(raw: unknown): string[] {
  if (!isObject(raw)) return ['content: an object with themes, criteria, powerToAct and wishes'];
  const problems = extraKeys(raw, ['themes', 'criteria', 'powerToAct', 'wishes'], '');
  const { themes, criteria, powerToAct, wishes } = raw;
  if (!isObject(themes)) problems.push('themes: one entry per barrier theme');
  else {
    for (const [theme, a] of Object.entries(themes)) {
      if (!isOneOf(BARRIER_THEMES, theme)) continue; // contentProblems names it
      const at = `themes.${theme}`;
      if (!isObject(a)) {
        problems.push(`${at}: level, situations, objectives and supportWanted`);
        continue;
      }
      problems.push(...extraKeys(a, ['level', 'situations', 'objectives', 'supportWanted'], `${at}.`));
      problems.push(...oneOf(a.level, BARRIER_LEVELS, `${at}.level`), ...codes(a.situations, `${at}.situations`), ...codes(a.objectives, `${at}.objectives`));
      if (typeof a.supportWanted !== 'boolean') problems.push(`${at}.supportWanted: true or false`);
    }
  }
  if (!isObject(criteria)) problems.push('criteria: the orientation criteria');
  else {
    problems.push(...extraKeys(criteria, ['availability', 'motivation', 'autonomy', 'lastExperience', 'employmentSituation', 'qualification', 'franceTravailRegistered'], 'criteria.'));
    problems.push(
      ...oneOf(criteria.availability, AVAILABILITIES, 'criteria.availability'),
      ...oneOf(criteria.motivation, MOTIVATIONS, 'criteria.motivation'),
      ...oneOf(criteria.autonomy, AUTONOMIES, 'criteria.autonomy'),
      ...oneOf(criteria.lastExperience, LAST_EXPERIENCES, 'criteria.lastExperience'),
      ...oneOf(criteria.employmentSituation, EMPLOYMENT_SITUATIONS, 'criteria.employmentSituation'),
      ...oneOf(criteria.qualification, QUALIFICATION_LEVELS, 'criteria.qualification'),
    );
    if (typeof criteria.franceTravailRegistered !== 'boolean') problems.push('criteria.franceTravailRegistered: true or false');
  }
  if (!isObject(powerToAct)) problems.push('powerToAct: confidence and supportWanted, 1 to 4');
  else {
    problems.push(...extraKeys(powerToAct, ['confidence', 'supportWanted'], 'powerToAct.'));
    problems.push(...oneOf(powerToAct.confidence, [1, 2, 3, 4], 'powerToAct.confidence'), ...oneOf(powerToAct.supportWanted, [1, 2, 3, 4], 'powerToAct.supportWanted'));
  }
  if (!isObject(wishes)) problems.push('wishes: dominante, jobProjects, training, businessCreation');
  else {
    problems.push(...extraKeys(wishes, ['dominante', 'jobProjects', 'training', 'businessCreation'], 'wishes.'));
    if (wishes.dominante !== null) problems.push(...oneOf(wishes.dominante, DOMINANTES, 'wishes.dominante (or null)'));
    problems.push(...codes(wishes.jobProjects, 'wishes.jobProjects'));
    if (typeof wishes.training !== 'boolean') problems.push('wishes.training: true or false');
    if (typeof wishes.businessCreation !== 'boolean') problems.push('wishes.businessCreation: true or false');
  }
  if (problems.length > 0) return problems;
  return contentProblems(raw as unknown as DiagnosticContent);
}
