import type { FactoryProvider } from '@nestjs/common';
import type { SqlRunner } from '@rsa/platform';

/** One context's part of everything held on a person, for the data-subject export: named lists of rows. */
export type PersonDataSection = (runner: SqlRunner, personId: string) => Promise<Record<string, unknown[]>>;

/**
 * The parts of a person's data the contexts after the intake hold (the convocation's appointments
 * and messages, the orientation's diagnostics, decisions, portfolio and contracts), each registered
 * by its module when it starts, as PathProgress's probes are: the beneficiary context depends on
 * none of them, yet its export (GDPR art. 15) must give all of it.
 */
export class PersonData {
  private readonly sections = new Map<string, PersonDataSection>();

  register(context: string, section: PersonDataSection): void {
    this.sections.set(context, section);
  }

  /** Every context's part, under its name, contexts in name order. */
  async of(runner: SqlRunner, personId: string): Promise<Record<string, Record<string, unknown[]>>> {
    const parts: Record<string, Record<string, unknown[]>> = {};
    for (const context of [...this.sections.keys()].sort()) parts[context] = await (this.sections.get(context) as PersonDataSection)(runner, personId);
    return parts;
  }
}

/** The provider a context's module lists to register its part when the module starts (its module imports BeneficiaryModule). */
export function personDataSection(context: string, section: PersonDataSection): FactoryProvider<string> {
  return {
    provide: `person-data-section:${context}`,
    inject: [PersonData],
    useFactory: (registry: PersonData) => {
      registry.register(context, section);
      return context;
    },
  };
}
