import type { TimingPolicy } from './send-window';

/** A territory's convocation choices (convocation_policy), with the defaults when it has none. */
export interface ConvocationPolicy extends TimingPolicy {
  inviteFirst: boolean;
  invitationReminderDays: number;
  invitationExpiryDays: number;
  relanceWithinDays: number;
  maxRelances: number;
}

export const DEFAULT_POLICY: ConvocationPolicy = {
  inviteFirst: false,
  invitationReminderDays: 3,
  invitationExpiryDays: 6,
  relanceWithinDays: 10,
  maxRelances: 2,
  minLeadWorkingDays: 2,
  reminderWorkingDaysBefore: 2,
  sendFrom: '09:00',
  sendUntil: '19:00',
};

/** The hours SMS and emails may go out at all: a territory's sending window lies within them (never at night). */
export const SENDING_DAYTIME = { from: '08:00', until: '20:00' } as const;

/** Days between the notification and the latest appointment (DOMAIN.md §2.2, L1718, L2491). */
export const CONVOCATION_DEADLINE_DAYS = 15;
