import type { FactoryProvider } from '@nestjs/common';
import type { SqlRunner } from '@rsa/platform';
import { ContextRegistry, registration } from './context-registry';

/**
 * How far a person's accompaniment went on a path, as the contexts after the intake record it: the
 * convocation (convened, attended), the orientation (diagnosed, oriented). The intake knows none of
 * it, yet must sometimes choose between two open paths of one human (same-human.ts): the one to
 * keep is the one the human's accompaniment is on, not merely the first opened, or a person who has
 * already come to their co-diagnostic would be convened again.
 */
export const PATH_STAGES = [
  /** Nothing recorded after the opening. */
  'opened',
  /** Invited to book, or given an appointment. */
  'convened',
  /** Came to their first appointment. */
  'attended',
  /** A 360° diagnostic is on the path. */
  'diagnosed',
  /** An orientation was decided on the path. */
  'oriented',
] as const;
/** The stages in order: a later one is further along. */
export type PathStage = (typeof PATH_STAGES)[number];

/** Negative when `a` is further along than `b`, for sorting the furthest first. */
export const furthestFirst = (a: PathStage, b: PathStage) => PATH_STAGES.indexOf(b) - PATH_STAGES.indexOf(a);

/** One context's reading: the stage each of these paths reached in it (paths it knows nothing of may be left out). */
export type PathStageProbe = (runner: SqlRunner, pathIds: string[]) => Promise<Map<string, PathStage>>;

/**
 * The probes of the contexts loaded in this process, each registered by its module when it starts
 * (the beneficiary context depends on none of them). A process without them (the intake alone)
 * sees every path `opened`.
 */
export class PathProgress extends ContextRegistry<PathStageProbe> {
  /** The furthest stage each path reached in any context, `opened` when none knows of it. */
  async stagesOf(runner: SqlRunner, pathIds: string[]): Promise<Map<string, PathStage>> {
    const stages = new Map<string, PathStage>(pathIds.map((id) => [id, 'opened']));
    if (pathIds.length === 0) return stages;
    for (const probe of this.parts.values()) {
      for (const [id, stage] of await probe(runner, pathIds)) {
        if (stages.has(id) && furthestFirst(stage, stages.get(id) as PathStage) < 0) stages.set(id, stage);
      }
    }
    return stages;
  }
}

/** The provider a context's module lists to register its probe. */
export const pathStageProbe = (context: string, probe: PathStageProbe): FactoryProvider<string> => registration(PathProgress, 'path-stage-probe', context, probe);
