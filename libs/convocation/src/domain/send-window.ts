import { addDays, isWorkingDay, parisDateOf, parisInstant, parisTimeOf, addWorkingDays } from '@rsa/kernel';

/** The part of a territory's policy the timing rules need. */
export interface TimingPolicy {
  /** HH:MM: SMS and emails are sent between these times, on working days (never at night). */
  sendFrom: string;
  sendUntil: string;
  /** Working days before the appointment for the SMS reminder (DOMAIN.md §2.2: 2). */
  reminderWorkingDaysBefore: number;
  /** Working days between the day the letter leaves and the appointment. */
  minLeadWorkingDays: number;
}

/** The hour of the day reminders go out when nothing else decides. */
const REMINDER_TIME = '10:00';
/** A reminder that cannot leave at least this long before the appointment is not sent. */
const REMINDER_MIN_NOTICE_MS = 2 * 3600_000;

/**
 * The first instant at or after `at` that is inside the sending window of a working day
 * (Europe/Paris): SMS and emails never leave at night, on a Sunday or a public holiday.
 */
export function nextSendingInstant(at: Date, policy: Pick<TimingPolicy, 'sendFrom' | 'sendUntil'>): Date {
  let day = parisDateOf(at);
  const time = parisTimeOf(at);
  if (isWorkingDay(day) && time >= policy.sendFrom && time < policy.sendUntil) return at;
  if (!isWorkingDay(day) || time >= policy.sendUntil) day = addDays(day, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return parisInstant(day, policy.sendFrom);
}

/**
 * When the SMS reminder of an appointment goes: `reminderWorkingDaysBefore` working days before its
 * day, at 10:00 (within the window). If that moment has passed (the appointment was booked or moved
 * late), as soon as the window allows; null when it could not leave at least two hours before the
 * appointment (never after it, never in the last minutes).
 */
export function reminderDueAt(startsAt: Date, now: Date, policy: TimingPolicy): Date | null {
  const target = parisInstant(addWorkingDays(parisDateOf(startsAt), -policy.reminderWorkingDaysBefore), REMINDER_TIME);
  const due = nextSendingInstant(target.getTime() > now.getTime() ? target : now, policy);
  return due.getTime() <= startsAt.getTime() - REMINDER_MIN_NOTICE_MS ? due : null;
}

/**
 * The earliest instant an appointment may start when a letter leaves on the day of `now`: the
 * post needs `minLeadWorkingDays` working days, and the person a morning to read it.
 */
export function earliestAppointmentStart(now: Date, policy: Pick<TimingPolicy, 'minLeadWorkingDays'>): Date {
  return parisInstant(addWorkingDays(parisDateOf(now), policy.minLeadWorkingDays), '00:00');
}

/**
 * When the post collects the letters written since the last collection (Paris): a letter due one
 * evening and sent before this time the next morning (written at 23:59, taken at 00:01) leaves
 * with the same collection as if it had gone on its day.
 */
export const POST_COLLECTION_TIME = '08:00';

/**
 * A convening letter the sender is late with: it could reach the person before the appointment
 * when it was due (`dueAt`), no longer can if it leaves now, and missed the collection that would
 * have taken it on its day (the next morning's, POST_COLLECTION_TIME: the sender stopped for a day
 * or more between the planning and the appointment). One that could not arrive even when due (an
 * appointment booked for tomorrow with the person at the desk or on the phone) was told another
 * way: not late.
 */
export function letterNowTooLate(startsAt: Date, dueAt: Date, now: Date, policy: Pick<TimingPolicy, 'minLeadWorkingDays'>): boolean {
  // The first collection after it was due: that morning's for a letter due before 08:00 (planned
  // after the nightly import), the next morning's otherwise.
  const sameDay = parisInstant(parisDateOf(dueAt), POST_COLLECTION_TIME);
  const collection = dueAt.getTime() < sameDay.getTime() ? sameDay : parisInstant(addDays(parisDateOf(dueAt), 1), POST_COLLECTION_TIME);
  if (now.getTime() < collection.getTime()) return false;
  const start = startsAt.getTime();
  return start < earliestAppointmentStart(now, policy).getTime() && start >= earliestAppointmentStart(dueAt, policy).getTime();
}
