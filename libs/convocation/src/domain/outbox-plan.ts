import type { NoticeKind } from './notice';
import { reminderDueAt, type TimingPolicy } from './send-window';

export type MessageChannel = 'letter' | 'email' | 'sms';

/** How the person can be reached, as their file says now (consent included). */
export interface Reachability {
  hasPostalAddress: boolean;
  email: string | null;
  emailConsent: boolean;
  phone: string | null;
  smsConsent: boolean;
}

export interface PlannedMessage {
  channel: MessageChannel;
  kind: NoticeKind;
  dedupeKey: string;
  dueAt: Date;
  notAfter: Date | null;
}

/**
 * The messages of one appointment version: the letter always (even without a known address: its
 * failure is what lists the person as unreachable), email and SMS when consented to, and the SMS
 * reminder. Keys are stable, so writing the same plan again inserts nothing.
 */
export function appointmentMessages(
  appointment: { id: string; version: number; startsAt: Date },
  kind: Extract<NoticeKind, 'convocation' | 'relance' | 'moved'>,
  reach: Reachability,
  now: Date,
  policy: TimingPolicy,
): PlannedMessage[] {
  const base = `appt:${appointment.id}:v${appointment.version}`;
  const messages: PlannedMessage[] = [{ channel: 'letter', kind, dedupeKey: `${base}:${kind}:letter`, dueAt: now, notAfter: appointment.startsAt }];
  if (reach.email && reach.emailConsent) messages.push({ channel: 'email', kind, dedupeKey: `${base}:${kind}:email`, dueAt: now, notAfter: appointment.startsAt });
  if (reach.phone && reach.smsConsent) {
    messages.push({ channel: 'sms', kind, dedupeKey: `${base}:${kind}:sms`, dueAt: now, notAfter: appointment.startsAt });
    const reminder = reminderDueAt(appointment.startsAt, now, policy);
    if (reminder) messages.push({ channel: 'sms', kind: 'reminder', dedupeKey: `${base}:reminder:sms`, dueAt: reminder, notAfter: appointment.startsAt });
  }
  return messages;
}

/** An invitation to book (invite-first territories) and its reminder, for one path. */
export function invitationMessages(pathId: string, invitedOn: string, reminderAt: Date, expiresAt: Date, reach: Reachability, now: Date): PlannedMessage[] {
  const base = `path:${pathId}:invite:${invitedOn}`;
  const messages: PlannedMessage[] = [{ channel: 'letter', kind: 'invitation', dedupeKey: `${base}:letter`, dueAt: now, notAfter: expiresAt }];
  if (reach.email && reach.emailConsent) {
    messages.push({ channel: 'email', kind: 'invitation', dedupeKey: `${base}:email`, dueAt: now, notAfter: expiresAt });
    messages.push({ channel: 'email', kind: 'invitation-reminder', dedupeKey: `${base}:reminder:email`, dueAt: reminderAt, notAfter: expiresAt });
  }
  if (reach.phone && reach.smsConsent) {
    messages.push({ channel: 'sms', kind: 'invitation', dedupeKey: `${base}:sms`, dueAt: now, notAfter: expiresAt });
    messages.push({ channel: 'sms', kind: 'invitation-reminder', dedupeKey: `${base}:reminder:sms`, dueAt: reminderAt, notAfter: expiresAt });
  }
  return messages;
}

/** Of the channels that told the person something, those still usable: email and SMS only while consented to. */
function stillReachable(toldBy: ReadonlySet<MessageChannel>, reach: Reachability): MessageChannel[] {
  const allowed: Record<MessageChannel, boolean> = {
    letter: true,
    email: reach.email !== null && reach.emailConsent,
    sms: reach.phone !== null && reach.smsConsent,
  };
  return (['letter', 'email', 'sms'] as const).filter((channel) => toldBy.has(channel) && allowed[channel]);
}

/**
 * Telling someone an appointment is off (`cancelled`), the way they were told of it: on each
 * channel that already carried a message about it (`toldBy`), email and SMS only while still
 * consented to. Someone never told of the appointment (its convocation still in the outbox) is told
 * nothing: the convocation is simply dropped. Due now, pointless once the appointment would have
 * begun. One message per channel and appointment version, whoever cancels and however often.
 */
export function cancellationMessages(
  appointment: { id: string; version: number; startsAt: Date },
  toldBy: ReadonlySet<MessageChannel>,
  reach: Reachability,
  now: Date,
): PlannedMessage[] {
  const base = `appt:${appointment.id}:v${appointment.version}:cancelled`;
  return stillReachable(toldBy, reach).map((channel) => ({ channel, kind: 'cancelled', dedupeKey: `${base}:${channel}`, dueAt: now, notAfter: appointment.startsAt }));
}

/**
 * Telling someone invited to book that they no longer have to (`invitation-withdrawn`), on the
 * channels the invitation of `invitedOn` went by, as for a cancellation. Due now; one per channel
 * and invitation.
 */
export function invitationWithdrawalMessages(pathId: string, invitedOn: string, toldBy: ReadonlySet<MessageChannel>, reach: Reachability, now: Date): PlannedMessage[] {
  const base = `path:${pathId}:invite:${invitedOn}:withdrawn`;
  return stillReachable(toldBy, reach).map((channel) => ({ channel, kind: 'invitation-withdrawn', dedupeKey: `${base}:${channel}`, dueAt: now, notAfter: null }));
}
