import { cancellationMessages, invitationWithdrawalMessages, type Reachability } from './outbox-plan';

describe('cancellationMessages', () => {
  const appointment = { id: 'a1', version: 2, startsAt: new Date('2026-12-15T09:30:00+01:00') };
  const now = new Date('2026-12-10T10:00:00+01:00');
  const reach: Reachability = { hasPostalAddress: true, email: 'x@example.org', emailConsent: true, phone: '+33612345678', smsConsent: true };

  it('tells the person on each channel that told them of the appointment, due now, pointless once it would have begun', () => {
    expect(cancellationMessages(appointment, new Set(['letter', 'sms']), reach, now)).toEqual([
      { channel: 'letter', kind: 'cancelled', dedupeKey: 'appt:a1:v2:cancelled:letter', dueAt: now, notAfter: appointment.startsAt },
      { channel: 'sms', kind: 'cancelled', dedupeKey: 'appt:a1:v2:cancelled:sms', dueAt: now, notAfter: appointment.startsAt },
    ]);
  });

  it('uses email and SMS only while still consented to, and the letter whatever the address', () => {
    const withdrawn = { ...reach, smsConsent: false, email: null, hasPostalAddress: false };
    expect(cancellationMessages(appointment, new Set(['letter', 'email', 'sms']), withdrawn, now).map((m) => m.channel)).toEqual(['letter']);
  });

  it('tells nothing to someone never told of the appointment', () => {
    expect(cancellationMessages(appointment, new Set(), reach, now)).toEqual([]);
  });
});

describe('invitationWithdrawalMessages', () => {
  const now = new Date('2026-12-10T10:00:00+01:00');
  const reach: Reachability = { hasPostalAddress: true, email: 'x@example.org', emailConsent: false, phone: '+33612345678', smsConsent: true };

  it('tells the person invited, on the channels of the invitation still usable, once per invitation', () => {
    expect(invitationWithdrawalMessages('p1', '2026-12-07', new Set(['letter', 'email', 'sms']), reach, now)).toEqual([
      { channel: 'letter', kind: 'invitation-withdrawn', dedupeKey: 'path:p1:invite:2026-12-07:withdrawn:letter', dueAt: now, notAfter: null },
      { channel: 'sms', kind: 'invitation-withdrawn', dedupeKey: 'path:p1:invite:2026-12-07:withdrawn:sms', dueAt: now, notAfter: null },
    ]);
    expect(invitationWithdrawalMessages('p1', '2026-12-07', new Set(), reach, now)).toEqual([]);
  });
});
