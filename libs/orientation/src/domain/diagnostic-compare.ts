import { BARRIER_THEMES, type BarrierTheme, type DiagnosticContent } from './diagnostic';

export interface ValueChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ThemeChange {
  theme: BarrierTheme;
  level: { before: string; after: string } | null;
  situations: { added: string[]; removed: string[] };
  objectives: { added: string[]; removed: string[] };
  supportWanted: { before: boolean; after: boolean } | null;
}

export interface ContentComparison {
  /** Themes that changed, in the order of BARRIER_THEMES; unchanged themes are left out. */
  themes: ThemeChange[];
  /** Criteria, pouvoir d'agir and wishes that changed (`criteria.availability`, `wishes.jobProjects`…). */
  changes: ValueChange[];
  /** Themes whose barrier got lighter (blocking → peripheral → none) or heavier: the "positive evolutions" (L1446). */
  lighter: BarrierTheme[];
  heavier: BarrierTheme[];
}

/** Fields in the order of the référentiel's form, whatever order the stored JSON gives them in. */
const FIELD_ORDER: Record<'criteria' | 'powerToAct' | 'wishes', readonly string[]> = {
  criteria: ['availability', 'motivation', 'autonomy', 'lastExperience', 'employmentSituation', 'qualification', 'franceTravailRegistered'],
  powerToAct: ['confidence', 'supportWanted'],
  wishes: ['dominante', 'jobProjects', 'training', 'businessCreation'],
};
const WEIGHT: Record<string, number> = { none: 0, peripheral: 1, blocking: 2 };
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function listDiff(before: readonly string[], after: readonly string[]) {
  return { added: after.filter((c) => !before.includes(c)), removed: before.filter((c) => !after.includes(c)) };
}

/** What changed between two versions of a diagnostic, theme by theme and criterion by criterion. */
export function compareContents(before: DiagnosticContent, after: DiagnosticContent): ContentComparison {
  const themes: ThemeChange[] = [];
  const lighter: BarrierTheme[] = [];
  const heavier: BarrierTheme[] = [];
  for (const theme of BARRIER_THEMES) {
    const a = before.themes[theme];
    const b = after.themes[theme];
    const change: ThemeChange = {
      theme,
      level: a.level === b.level ? null : { before: a.level, after: b.level },
      situations: listDiff(a.situations, b.situations),
      objectives: listDiff(a.objectives, b.objectives),
      supportWanted: a.supportWanted === b.supportWanted ? null : { before: a.supportWanted, after: b.supportWanted },
    };
    const changed = change.level || change.supportWanted || change.situations.added.length || change.situations.removed.length || change.objectives.added.length || change.objectives.removed.length;
    if (changed) themes.push(change);
    if (WEIGHT[b.level] < WEIGHT[a.level]) lighter.push(theme);
    if (WEIGHT[b.level] > WEIGHT[a.level]) heavier.push(theme);
  }
  const changes: ValueChange[] = [];
  for (const part of ['criteria', 'powerToAct', 'wishes'] as const) {
    const a = before[part] as unknown as Record<string, unknown>;
    const b = after[part] as unknown as Record<string, unknown>;
    const known = FIELD_ORDER[part];
    const others = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !known.includes(f)).sort();
    for (const field of [...known, ...others]) {
      if (!same(a[field], b[field])) changes.push({ field: `${part}.${field}`, before: a[field] ?? null, after: b[field] ?? null });
    }
  }
  return { themes, changes, lighter, heavier };
}
