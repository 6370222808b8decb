import { JobDefinition } from './job-definition';

/** A processor found in the worker, and the job it says it processes. */
export interface JobHandlerRef {
  readonly handler: string;
  readonly queue: string;
  readonly jobName: string;
}

/** What the worker knows at boot: the defined jobs, and who processes which. */
export interface JobRegistry {
  readonly jobs: readonly JobDefinition[];
  readonly handlers: readonly JobHandlerRef[];
}

/**
 * Boot-time guard of the worker: every defined job has exactly one handler, on its queue, and no
 * handler serves an undefined job. Throws one error listing every problem.
 */
export function assertEveryJobHasOneHandler(registry: JobRegistry): void {
  const problems: string[] = [];
  const defined = new Map(registry.jobs.map((job) => [job.name, job]));
  for (const job of registry.jobs) {
    const handlers = registry.handlers.filter((h) => h.jobName === job.name);
    if (handlers.length === 0) problems.push(`job "${job.name}" (queue ${job.queue}) has no handler`);
    if (handlers.length > 1) {
      problems.push(`job "${job.name}" has ${handlers.length} handlers: ${handlers.map((h) => h.handler).join(', ')}`);
    }
    for (const h of handlers) {
      if (h.queue !== job.queue) problems.push(`${h.handler} handles "${job.name}" on queue ${h.queue}, defined on ${job.queue}`);
    }
  }
  for (const h of registry.handlers) {
    if (!defined.has(h.jobName)) problems.push(`${h.handler} handles undefined job "${h.jobName}"`);
  }
  if (problems.length > 0) {
    throw new Error(`Job handlers do not match the defined jobs:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
