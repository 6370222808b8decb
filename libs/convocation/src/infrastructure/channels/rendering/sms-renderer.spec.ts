import { isGsm7, smsSegmentCount, smsUnits } from '@rsa/kernel';
import { aNoticeAppointment, aNoticeOfKind } from '@rsa/testing';
import type { Notice, NoticeKind } from '../../../domain/notice';
import { renderSms } from './sms-renderer';

const KINDS: NoticeKind[] = ['convocation', 'reminder', 'invitation', 'invitation-reminder', 'invitation-withdrawn', 'moved', 'cancelled', 'relance'];

/** Everything a long CAF record and a verbose territory can throw at an SMS. */
const LONG: Partial<Notice> = {
  recipient: {
    civility: 'M.',
    firstName: 'JEAN-BAPTISTE-FRANÇOIS-XAVIER',
    lastName: 'DE LA FONTAINE-SAINT-ÉLOI',
    address: { lines: ['Résidence « Les Œillets », bâtiment C, escalier 4', '125 boulevard du Général-de-Gaulle'], postcode: '59200', city: 'TOURCOING' },
  },
  contact: { phone: '03 59 73 00 00', hours: 'du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h, sauf le jeudi après-midi' },
  bring: ["Votre pièce d'identité (carte nationale d’identité ou passeport)", 'Votre attestation CAF de moins de trois mois', 'Votre CV si vous en avez un'],
};
const LONG_APPOINTMENT = aNoticeAppointment({
  placeName: 'Maison Nord Emploi Roubaix-Tourcoing — antenne de Wattrelos, espace « Cœur de ville » (2e étage)',
  placeAddress: { lines: ['Centre administratif', '2 place de la République prolongée jusqu’au parvis'], postcode: '59150', city: 'Wattrelos' },
});

describe('renderSms', () => {
  it.each(KINDS)('%s: GSM-7 only, at most two segments', (kind) => {
    for (const notice of [aNoticeOfKind(kind), aNoticeOfKind(kind, { ...LONG, appointment: aNoticeOfKind(kind).appointment && LONG_APPOINTMENT })]) {
      const text = renderSms(notice);
      expect(isGsm7(text)).toBe(true);
      expect(smsUnits(text)).toBeLessThanOrEqual(306);
      expect(smsSegmentCount(text)).toBeLessThanOrEqual(2);
      expect(text).toContain('03 59 73 00 00');
    }
  });

  it('fits a reminder in one segment, even with a long place name', () => {
    expect(smsSegmentCount(renderSms(aNoticeOfKind('reminder')))).toBe(1);
    expect(smsSegmentCount(renderSms(aNoticeOfKind('reminder', { ...LONG, appointment: LONG_APPOINTMENT })))).toBe(1);
  });

  it('names the person by first name only and the place by its name and street only', () => {
    const text = renderSms(aNoticeOfKind('convocation'));
    expect(text).toMatch(/^Bonjour Amelie, /);
    expect(text).not.toMatch(/DUVAL|Duval/i);
    expect(text).not.toContain('Lilas');
    expect(text).not.toContain('59100');
    expect(text).toContain('Maison Nord Emploi Roubaix, 12 rue de la Gare');
  });

  it('writes the appointment out in Paris time, summer and winter', () => {
    const winter = renderSms(aNoticeOfKind('convocation'));
    expect(winter).toContain('le mardi 8 décembre 2026 à 9h30');
    const summer = renderSms(aNoticeOfKind('convocation', { appointment: aNoticeAppointment({ startsAt: new Date('2026-06-30T07:30:00Z') }) }));
    expect(summer).toContain('le mardi 30 juin 2026 à 9h30');
  });

  it('transliterates what GSM-7 lacks', () => {
    const text = renderSms(aNoticeOfKind('convocation', { appointment: aNoticeAppointment({ placeName: 'Espace « Cœur » – Français' }) }));
    expect(text).toContain('Espace "Coeur" - Francais');
    expect(text).toContain('vous etes convoquée');
  });

  it('says attendance is mandatory on convocations and relances only when it is', () => {
    expect(renderSms(aNoticeOfKind('convocation'))).toContain('Présence obligatoire');
    expect(renderSms(aNoticeOfKind('relance'))).toContain('une absence sans motif peut entrainer un réexamen du RSA');
    expect(renderSms(aNoticeOfKind('convocation', { mandatory: false }))).not.toContain('obligatoire');
    expect(renderSms(aNoticeOfKind('cancelled'))).not.toContain('obligatoire');
  });

  it('words each kind for what it is', () => {
    expect(renderSms(aNoticeOfKind('reminder'))).toContain('rappel : rendez-vous RSA le');
    expect(renderSms(aNoticeOfKind('invitation'))).toContain('prenez un premier rendez-vous avant le mardi 15 décembre 2026');
    expect(renderSms(aNoticeOfKind('invitation-reminder'))).toContain('rappel : prenez votre rendez-vous RSA avant le');
    expect(renderSms(aNoticeOfKind('invitation-withdrawn'))).toContain("vous n'avez plus à prendre le rendez-vous RSA proposé");
    expect(renderSms(aNoticeOfKind('moved'))).toContain('est déplacé au mardi 8 décembre 2026 à 9h30');
    expect(renderSms(aNoticeOfKind('cancelled'))).toContain('du mardi 8 décembre 2026 à 9h30 est annulé');
    expect(renderSms(aNoticeOfKind('relance'))).toContain("vous n'etes pas venue à votre rendez-vous RSA. Nouvelle convocation le");
  });

  it('refuses, for good, a convocation without an appointment', () => {
    expect(() => renderSms(aNoticeOfKind('convocation', { appointment: null }))).toThrow(expect.objectContaining({ reason: 'invalid-notice' }));
  });
});
