import type { FactoryProvider } from '@nestjs/common';
import type { SqlRunner } from '@rsa/platform';
import { ContextRegistry, registration } from './context-registry';

/** A person's contact details changed: how they can be reached before and after, in the change's transaction. */
export interface ContactChange {
  personId: string;
  /** A phone number with SMS consent. */
  sms: { before: boolean; after: boolean };
  now: Date;
}

/** One context's follow-up of a contact change, written in the change's own transaction. */
export type ContactFollower = (runner: SqlRunner, change: ContactChange) => Promise<void>;

/**
 * What the contexts after the intake do when a person can be reached another way: the convocation
 * plans the SMS reminder of an appointment already given to someone who consents to SMS only now.
 * Each context's module registers its follower when it starts, as PathProgress's probes are: the
 * beneficiary context depends on none of them.
 */
export class ContactFollowers extends ContextRegistry<ContactFollower> {
  async changed(runner: SqlRunner, change: ContactChange): Promise<void> {
    for (const follower of this.parts.values()) await follower(runner, change);
  }
}

/** The provider a context's module lists to register its follower. */
export const contactFollower = (context: string, follower: ContactFollower): FactoryProvider<string> => registration(ContactFollowers, 'contact-follower', context, follower);
