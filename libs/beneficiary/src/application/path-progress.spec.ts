import type { SqlRunner } from '@rsa/platform';
import { PathProgress, type PathStage } from './path-progress';

const runner = {} as SqlRunner;
const probe = (stages: Record<string, PathStage>) => async (_: SqlRunner, ids: string[]) => new Map(ids.filter((id) => id in stages).map((id) => [id, stages[id]]));

describe('PathProgress', () => {
  it('gives each path the furthest stage any context read, and opened when none knows of it', async () => {
    const progress = new PathProgress();
    progress.register('convocation', probe({ a: 'attended', b: 'convened', stray: 'oriented' }));
    progress.register('orientation', probe({ b: 'diagnosed', c: 'oriented' }));
    const stages = await progress.stagesOf(runner, ['a', 'b', 'c', 'd']);
    expect(Object.fromEntries(stages)).toEqual({ a: 'attended', b: 'diagnosed', c: 'oriented', d: 'opened' });
  });

  it('keeps an earlier stage when a later context reads less, and one probe per context', async () => {
    const progress = new PathProgress();
    progress.register('orientation', probe({ a: 'convened' }));
    progress.register('orientation', probe({ a: 'oriented' }));
    progress.register('convocation', probe({ a: 'opened' }));
    expect(Object.fromEntries(await progress.stagesOf(runner, ['a']))).toEqual({ a: 'oriented' });
    expect(await new PathProgress().stagesOf(runner, [])).toEqual(new Map());
  });
});
