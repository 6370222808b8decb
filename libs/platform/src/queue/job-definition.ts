import { QueueName } from './queue-names';

/**
 * A kind of job: its name (namespaced by context, `intake:nightly-drop-import`) and its queue. `P`
 * is the payload type, carried for the producer and the processor only.
 */
export interface JobDefinition<P = unknown> {
  readonly queue: QueueName;
  readonly name: string;
  /** Phantom field: never set, only gives `P` to the type checker. */
  readonly __payload?: P;
}

const catalogue = new Map<string, JobDefinition>();

/**
 * Declares a job kind. Every job defined in the worker's process (contexts' index.ts are imported
 * by the worker) needs exactly one @ProcessesJob processor, checked at boot: a forgotten processor
 * is a failed deploy instead of a silent backlog.
 */
export function defineJob<P = unknown>(queue: QueueName, name: string): JobDefinition<P> {
  if (!/^[a-z0-9-]+:[a-z0-9:-]+$/.test(name)) {
    throw new Error(`Job name "${name}" must look like "<context>:<job>" (lowercase, digits, dashes)`);
  }
  const existing = catalogue.get(name);
  if (existing && existing.queue !== queue) {
    throw new Error(`Job "${name}" is already defined on queue "${existing.queue}"`);
  }
  const job = existing ?? Object.freeze({ queue, name });
  catalogue.set(name, job);
  return job as JobDefinition<P>;
}

/** Every job defined in this process so far (the worker's job-name registry). */
export function definedJobs(): readonly JobDefinition[] {
  return [...catalogue.values()];
}
