import { parisInstant } from '@rsa/kernel';
import { OrientationErrorCode } from '../domain/orientation-errors';
import { firstAppointmentState, planFirstAppointment } from './portfolio-first-appointments';
import { addMonths } from '../domain/contract';
import { overCapacityWith } from './portfolio-assignments';

describe('first accompaniment appointment plan', () => {
  // Tuesday 22 December 2026, 10:00 Paris; the diagnostic that day is due by Wednesday 30 December (25 December is not counted).
  const now = parisInstant('2026-12-22', '10:00');
  const deadline = '2026-12-30';

  it('by default: the next working day at 09:00, on time', () => {
    expect(planFirstAppointment(now, deadline, null, null)).toEqual({ at: parisInstant('2026-12-23', '09:00'), late: false, lateReason: null });
  });

  it('a time asked for is kept when it is on a working day up to the deadline', () => {
    expect(planFirstAppointment(now, deadline, parisInstant('2026-12-30', '17:30'), null)).toMatchObject({ late: false });
  });

  it('refuses a time after the deadline while it is ahead, saying the deadline; a past time; a public holiday', () => {
    expect(() => planFirstAppointment(now, deadline, parisInstant('2026-12-31', '09:00'), 'person-unavailable')).toThrow(
      expect.objectContaining({ code: OrientationErrorCode.FirstAppointmentInvalid, details: { deadline, day: '2026-12-31' } }),
    );
    expect(() => planFirstAppointment(now, deadline, parisInstant('2026-12-22', '09:00'), null)).toThrow(expect.objectContaining({ code: OrientationErrorCode.FirstAppointmentInvalid }));
    expect(() => planFirstAppointment(now, deadline, parisInstant('2026-12-25', '10:00'), null)).toThrow(expect.objectContaining({ details: { day: '2026-12-25' } }));
  });

  it('refuses a time outside office hours, Paris time: before 08:00 or after 18:00', () => {
    for (const time of ['03:00', '07:59', '18:01', '22:30']) {
      expect(() => planFirstAppointment(now, deadline, parisInstant('2026-12-29', time), null)).toThrow(
        expect.objectContaining({ code: OrientationErrorCode.FirstAppointmentInvalid, details: { day: '2026-12-29', time, from: '08:00', lastStart: '18:00' } }),
      );
    }
    for (const time of ['08:00', '18:00']) expect(planFirstAppointment(now, deadline, parisInstant('2026-12-29', time), null)).toMatchObject({ late: false });
  });

  it('once the deadline has passed, the appointment is late and needs its reason', () => {
    const later = parisInstant('2027-01-04', '10:00');
    expect(() => planFirstAppointment(later, deadline, null, null)).toThrow(expect.objectContaining({ code: OrientationErrorCode.FirstAppointmentInvalid }));
    expect(planFirstAppointment(later, deadline, null, 'rescheduled-after-missed')).toEqual({ at: parisInstant('2027-01-05', '09:00'), late: true, lateReason: 'rescheduled-after-missed' });
  });

  it('states: honoured, planned, outcome to record, overdue, missing', () => {
    const at = parisInstant('2026-12-23', '09:00');
    expect(firstAppointmentState({ status: 'planned', at, deadline }, deadline, now)).toEqual({ state: 'planned', overdue: false, missing: false });
    expect(firstAppointmentState({ status: 'planned', at, deadline }, deadline, parisInstant('2026-12-31', '09:00'))).toEqual({ state: 'outcome-to-record', overdue: true, missing: false });
    expect(firstAppointmentState({ status: 'missed', at, deadline }, deadline, parisInstant('2026-12-24', '09:00'))).toEqual({ state: 'missed-to-reschedule', overdue: false, missing: true });
    expect(firstAppointmentState(null, deadline, parisInstant('2026-12-31', '09:00'))).toEqual({ state: 'to-schedule', overdue: true, missing: true });
    expect(firstAppointmentState({ status: 'honoured', at, deadline }, deadline, parisInstant('2027-02-01', '09:00'))).toEqual({ state: 'honoured', overdue: false, missing: false });
  });
});

describe('portfolio arithmetic', () => {
  it('the next review a quarter later keeps the day of month, or the month’s last day', () => {
    expect(addMonths('2027-01-08', 3)).toBe('2027-04-08');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-10-31', 3)).toBe('2028-01-31');
  });

  it('over capacity only where people come in beyond the room left', () => {
    const capacity = { emploi: 2, equilibre: 50, remobilisation: 50 };
    expect(overCapacityWith({ emploi: 1, equilibre: 50, remobilisation: 0 }, { emploi: 1, equilibre: 0, remobilisation: 1 }, capacity)).toEqual([]);
    expect(overCapacityWith({ emploi: 2, equilibre: 50, remobilisation: 0 }, { emploi: 1, equilibre: 1, remobilisation: 0 }, capacity)).toEqual([
      { dominante: 'emploi', load: 2, incoming: 1, capacity: 2 },
      { dominante: 'equilibre', load: 50, incoming: 1, capacity: 50 },
    ]);
  });
});
