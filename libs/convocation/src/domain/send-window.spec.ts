import { earliestAppointmentStart, letterNowTooLate, nextSendingInstant, reminderDueAt } from './send-window';

const policy = { sendFrom: '09:00', sendUntil: '19:00', reminderWorkingDaysBefore: 2, minLeadWorkingDays: 2 };
const paris = (iso: string) => new Date(iso);

describe('sending window', () => {
  it('keeps an instant inside the window, moves one at night or on a day off to the next opening', () => {
    expect(nextSendingInstant(paris('2026-12-08T10:00:00+01:00'), policy).toISOString()).toBe('2026-12-08T09:00:00.000Z');
    expect(nextSendingInstant(paris('2026-12-08T06:00:00+01:00'), policy).toISOString()).toBe('2026-12-08T08:00:00.000Z');
    expect(nextSendingInstant(paris('2026-12-08T21:30:00+01:00'), policy).toISOString()).toBe('2026-12-09T08:00:00.000Z');
    // Friday night -> Monday; Christmas Eve evening -> the 28th (25th holiday, then the weekend).
    expect(nextSendingInstant(paris('2026-12-04T20:00:00+01:00'), policy).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(nextSendingInstant(paris('2026-12-24T19:00:00+01:00'), policy).toISOString()).toBe('2026-12-28T08:00:00.000Z');
  });
});

describe('SMS reminder', () => {
  const now = paris('2026-12-01T11:00:00+01:00');

  it('goes two working days before, at 10:00 Paris', () => {
    // Thursday 10 December appointment -> Tuesday 8, 10:00.
    expect(reminderDueAt(paris('2026-12-10T09:30:00+01:00'), now, policy)?.toISOString()).toBe('2026-12-08T09:00:00.000Z');
    // Monday 14 December -> Thursday 10 (the weekend does not count).
    expect(reminderDueAt(paris('2026-12-14T14:00:00+01:00'), now, policy)?.toISOString()).toBe('2026-12-10T09:00:00.000Z');
    // Monday 28 December -> Wednesday 23 (Christmas and the weekend skipped).
    expect(reminderDueAt(paris('2026-12-28T09:00:00+01:00'), now, policy)?.toISOString()).toBe('2026-12-23T09:00:00.000Z');
    // Summer time: 10:00 Paris is 08:00 UTC.
    expect(reminderDueAt(paris('2027-06-10T09:30:00+02:00'), now, policy)?.toISOString()).toBe('2027-06-08T08:00:00.000Z');
  });

  it('goes as soon as the window allows when booked late, and never after or right before the appointment', () => {
    // Booked at 20:00 for the day after tomorrow 09:30: the reminder leaves tomorrow at 09:00.
    expect(reminderDueAt(paris('2026-12-03T09:30:00+01:00'), paris('2026-12-01T20:00:00+01:00'), policy)?.toISOString()).toBe('2026-12-02T08:00:00.000Z');
    // Booked at 08:00 for 10:00 the same day: the window opens at 09:00, less than two hours before: none.
    expect(reminderDueAt(paris('2026-12-02T10:00:00+01:00'), paris('2026-12-02T08:00:00+01:00'), policy)).toBeNull();
    expect(reminderDueAt(paris('2026-12-01T10:00:00+01:00'), now, policy)).toBeNull();
  });
});

describe('earliest appointment', () => {
  it('leaves the letter two working days to arrive', () => {
    expect(earliestAppointmentStart(paris('2026-12-04T15:00:00+01:00'), policy).toISOString()).toBe('2026-12-07T23:00:00.000Z'); // Friday -> Tuesday 00:00
  });
});

describe('a convening letter the sender is late with', () => {
  // Planned on Monday 7 December for Thursday 10 at 09:00: two working days for the post.
  const startsAt = paris('2026-12-10T09:00:00+01:00');
  const dueAt = paris('2026-12-07T10:00:00+01:00');
  it('is on time while it can still arrive before the appointment', () => {
    expect(letterNowTooLate(startsAt, dueAt, paris('2026-12-07T18:00:00+01:00'), policy)).toBe(false);
    expect(letterNowTooLate(startsAt, dueAt, paris('2026-12-08T18:00:00+01:00'), policy)).toBe(false); // Tuesday's post: Thursday
  });
  it('is too late once it would arrive after it, though the appointment has not begun', () => {
    expect(letterNowTooLate(startsAt, dueAt, paris('2026-12-09T10:00:00+01:00'), policy)).toBe(true); // Wednesday's post: Friday
    expect(letterNowTooLate(startsAt, dueAt, paris('2026-12-10T08:00:00+01:00'), policy)).toBe(true);
  });
  it('is not late for a minute across midnight: the letter leaves with the next morning’s collection, as on its day', () => {
    const wednesday = paris('2026-12-09T09:00:00+01:00');
    expect(letterNowTooLate(wednesday, paris('2026-12-07T23:59:00+01:00'), paris('2026-12-08T00:01:00+01:00'), policy)).toBe(false);
    expect(letterNowTooLate(wednesday, paris('2026-12-07T23:30:00+01:00'), paris('2026-12-08T07:59:00+01:00'), policy)).toBe(false);
    // After that collection it waits for the next one, a day later: late (11 hours after, not 12).
    expect(letterNowTooLate(wednesday, paris('2026-12-07T23:30:00+01:00'), paris('2026-12-08T10:30:00+01:00'), policy)).toBe(true);
  });
  it('gives a letter due before 08:00 (planned after the nightly import) that morning’s collection, not the next day’s', () => {
    const lead3 = { ...policy, minLeadWorkingDays: 3 };
    const dueAt = paris('2026-12-08T03:00:00+01:00');
    const startsAt = earliestAppointmentStart(dueAt, lead3);
    expect(letterNowTooLate(startsAt, dueAt, paris('2026-12-08T07:30:00+01:00'), lead3)).toBe(false);
    expect(letterNowTooLate(startsAt, dueAt, paris('2026-12-09T07:30:00+01:00'), lead3)).toBe(true);
  });
  it('is not late when it could not arrive in time even when due (booked for tomorrow, the person told at the desk)', () => {
    expect(letterNowTooLate(startsAt, paris('2026-12-09T10:00:00+01:00'), paris('2026-12-09T10:05:00+01:00'), policy)).toBe(false);
  });
});
