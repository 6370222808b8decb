import { loadAppConfig } from '../config/load-app-config';
import { defineJob } from './job-definition';
import { previousOccurrence, resolveSchedules } from './schedule';

describe('schedules', () => {
  const config = loadAppConfig({ NODE_ENV: 'test', INTAKE_NIGHTLY_CRON: '15 3 * * *' });
  const job = defineJob('maintenance', 'test:scheduled');

  it('resolves patterns from config, in the business time zone by default', () => {
    const [nightly] = resolveSchedules([{ name: 'test:nightly', job, pattern: (c) => c.intake.nightlyCron }], config);
    expect(nightly).toMatchObject({ name: 'test:nightly', queue: 'maintenance', jobName: 'test:scheduled', pattern: '15 3 * * *', tz: 'Europe/Paris' });
  });

  it('refuses duplicates and bad patterns at boot', () => {
    expect(() => resolveSchedules([{ name: 'x', job, pattern: '* * * * *' }, { name: 'x', job, pattern: '* * * * *' }], config)).toThrow('twice');
    expect(() => resolveSchedules([{ name: 'y', job, pattern: 'nightly' }], config)).toThrow('bad cron pattern');
  });

  it('finds the previous occurrence in Paris time, across DST', () => {
    // 02:30 Paris is 00:30 UTC in summer, 01:30 UTC in winter.
    expect(previousOccurrence('30 2 * * *', 'Europe/Paris', new Date('2026-07-10T12:00:00Z')).toISOString()).toBe('2026-07-10T00:30:00.000Z');
    expect(previousOccurrence('30 2 * * *', 'Europe/Paris', new Date('2026-01-10T01:00:00Z')).toISOString()).toBe('2026-01-09T01:30:00.000Z');
    // An occurrence exactly at `at` counts.
    expect(previousOccurrence('0 * * * *', 'UTC', new Date('2026-01-10T05:00:00Z')).toISOString()).toBe('2026-01-10T05:00:00.000Z');
  });
});
