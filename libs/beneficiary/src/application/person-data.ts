import type { FactoryProvider } from '@nestjs/common';
import type { SqlRunner } from '@rsa/platform';
import { ContextRegistry, registration } from './context-registry';

/** One context's part of everything held on a person, for the data-subject export: named lists of rows. */
export type PersonDataSection = (runner: SqlRunner, personId: string) => Promise<Record<string, unknown[]>>;

/**
 * The parts of a person's data the contexts after the intake hold (the convocation's appointments
 * and messages, the orientation's diagnostics, decisions, portfolio and contracts), each registered
 * by its module when it starts, as PathProgress's probes are: the beneficiary context depends on
 * none of them, yet its export (GDPR art. 15) must give all of it.
 */
export class PersonData extends ContextRegistry<PersonDataSection> {
  /** Every context's part, under its name, contexts in name order. */
  async of(runner: SqlRunner, personId: string): Promise<Record<string, Record<string, unknown[]>>> {
    const parts: Record<string, Record<string, unknown[]>> = {};
    for (const [context, section] of [...this.parts].sort(([a], [b]) => (a < b ? -1 : 1))) parts[context] = await section(runner, personId);
    return parts;
  }
}

/** The provider a context's module lists to register its part. */
export const personDataSection = (context: string, section: PersonDataSection): FactoryProvider<string> => registration(PersonData, 'person-data-section', context, section);
