import { assertEveryJobHasOneHandler } from './job-registry';
import { defineJob, definedJobs } from './job-definition';

describe('job definitions and assertEveryJobHasOneHandler', () => {
  const importFile = defineJob<{ fileId: string }>('intake', 'test:import-file');
  const nightly = defineJob('intake', 'test:nightly');
  const handler = (jobName: string, name: string, queue = 'intake') => ({ jobName, queue, handler: name });

  it('keeps a catalogue of defined jobs, refusing one name on two queues', () => {
    expect(definedJobs()).toEqual(expect.arrayContaining([importFile, nightly]));
    expect(defineJob('intake', 'test:nightly')).toBe(nightly);
    expect(() => defineJob('reporting', 'test:nightly')).toThrow('already defined on queue "intake"');
    expect(() => defineJob('intake', 'NoNamespace')).toThrow('<context>:<job>');
  });

  it('passes when each job has exactly one handler', () => {
    expect(() =>
      assertEveryJobHasOneHandler({ jobs: [importFile, nightly], handlers: [handler('test:import-file', 'A'), handler('test:nightly', 'B')] }),
    ).not.toThrow();
  });

  it('lists every missing, duplicated, misplaced and unknown handler', () => {
    let message = '';
    try {
      assertEveryJobHasOneHandler({
        jobs: [importFile, nightly],
        handlers: [handler('test:import-file', 'A'), handler('test:import-file', 'A2'), handler('test:other', 'C'), handler('test:import-file', 'D', 'reporting')],
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('job "test:nightly" (queue intake) has no handler');
    expect(message).toContain('job "test:import-file" has 3 handlers: A, A2, D');
    expect(message).toContain('D handles "test:import-file" on queue reporting, defined on intake');
    expect(message).toContain('C handles undefined job "test:other"');
  });
});
