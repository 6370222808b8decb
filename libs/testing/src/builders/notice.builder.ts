import type { Notice, NoticeAppointment, NoticeKind } from '@rsa/convocation';

let sequence = 0;

/** An individual orientation interview at the Maison Nord Emploi of Roubaix (Tuesday 8 December 2026, 9:30 Paris). */
export function aNoticeAppointment(overrides: Partial<NoticeAppointment> = {}): NoticeAppointment {
  return {
    startsAt: new Date('2026-12-08T08:30:00Z'),
    durationMinutes: 60,
    reception: 'individual',
    purpose: "un entretien d'orientation",
    placeName: 'Maison Nord Emploi Roubaix',
    placeAddress: { lines: ['12 rue de la Gare'], postcode: '59100', city: 'Roubaix' },
    accessInformation: 'Métro ligne 2, arrêt Roubaix Gare',
    ...overrides,
  };
}

/** A mandatory convocation of a fictitious beneficiary, issued on 1 December 2026; a new message key each call. */
export function aNotice(overrides: Partial<Notice> = {}): Notice {
  sequence += 1;
  return {
    messageKey: `test-notice-${process.pid}-${sequence}`,
    kind: 'convocation',
    issuedOn: '2026-12-01',
    territoryName: 'Maison Nord Emploi Roubaix-Tourcoing',
    recipient: {
      civility: 'Mme',
      firstName: 'AMELIE',
      lastName: 'DUVAL',
      address: { lines: ['Appartement 12', '4 rue des Lilas'], postcode: '59100', city: 'ROUBAIX' },
    },
    appointment: aNoticeAppointment(),
    previousStartsAt: null,
    bookBy: null,
    relanceNumber: null,
    contact: { phone: '03 59 73 00 00', hours: 'du lundi au vendredi, de 9 h à 17 h' },
    bring: ["Votre pièce d'identité", 'Votre attestation CAF'],
    mandatory: true,
    ...overrides,
  };
}

/**
 * A notice of that kind, with what the kind needs: no appointment but a booking day for invitations
 * (no appointment either for an invitation withdrawn),
 * the previous time for a move (Friday 4 December, 14:00), the relance number (2) for a relance.
 */
export function aNoticeOfKind(kind: NoticeKind, overrides: Partial<Notice> = {}): Notice {
  const invitation = kind === 'invitation' || kind === 'invitation-reminder';
  return aNotice({
    kind,
    appointment: invitation || kind === 'invitation-withdrawn' ? null : aNoticeAppointment(),
    bookBy: invitation ? '2026-12-15' : null,
    previousStartsAt: kind === 'moved' ? new Date('2026-12-04T13:00:00Z') : null,
    relanceNumber: kind === 'relance' ? 2 : null,
    ...overrides,
  });
}
