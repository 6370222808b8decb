import { aNotice, aNoticeAppointment, aNoticeOfKind, pdfText, pdfTextRuns } from '@rsa/testing';
import type { Notice, NoticeKind } from '../../../domain/notice';
import { addressBlock, renderLetter } from './letter-renderer';
import { standardFontMetrics } from './standard-font-metrics';

const A4 = '/MediaBox [0 0 595.28 841.89]';
const mm = (pt: number): number => (pt * 25.4) / 72;

/** The letter's text as one line: pdfkit breaks long lines where the page width says. */
async function letterText(notice: Notice): Promise<string> {
  return pdfText(await renderLetter(notice)).replace(/\s+/g, ' ');
}

describe('renderLetter', () => {
  it('is an A4 PDF, byte-identical when rendered again', async () => {
    const notice = aNoticeOfKind('convocation');
    const first = await renderLetter(notice);
    const second = await renderLetter(structuredClone(notice));
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.toString('latin1')).toContain(A4);
    expect(first.length).toBeGreaterThan(2000);
    expect(first.length).toBeLessThan(20000);
    expect(second.equals(first)).toBe(true);
    expect((await renderLetter({ ...notice, issuedOn: '2026-12-02' })).equals(first)).toBe(false);
  });

  it('carries the sender, the recipient, the date, the subject, the body and the data-protection note', async () => {
    const text = await letterText(aNoticeOfKind('convocation'));
    for (const expected of [
      'Département du Nord — Maison Nord Emploi Roubaix-Tourcoing',
      'Mme Amelie DUVAL Appartement 12 4 rue des Lilas 59100 ROUBAIX',
      'Le 1er décembre 2026',
      "Objet : Convocation à un entretien d'orientation",
      'Madame,',
      'Date : mardi 8 décembre 2026 à 9 h 30',
      'Lieu : Maison Nord Emploi Roubaix 12 rue de la Gare 59100 Roubaix',
      "Votre pièce d'identité",
      'Appelez le 03 59 73 00 00 (du lundi au vendredi, de 9 h à 17 h).',
      'Votre présence est obligatoire.',
      'votre droit au RSA peut être réexaminé.',
      'Protection de vos données.',
      'Vous pouvez consulter vos données et les faire corriger.',
      'délégué à la protection des données du Département du Nord',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('places the recipient block in the window of a DL envelope', async () => {
    const runs = pdfTextRuns(await renderLetter(aNoticeOfKind('convocation')));
    const name = runs.find((run) => run.text.startsWith('Mme Amelie DUVAL'));
    expect(name).toBeDefined();
    expect(mm(name!.x)).toBeCloseTo(110, 0);
    const fromTop = mm(841.89 - name!.y);
    expect(fromTop).toBeGreaterThan(50);
    expect(fromTop).toBeLessThan(60);
  });

  it('writes the appointment in Paris time, in summer as in winter', async () => {
    const summer = aNoticeOfKind('convocation', { appointment: aNoticeAppointment({ startsAt: new Date('2026-06-30T07:30:00Z') }) });
    expect(await letterText(summer)).toContain('Date : mardi 30 juin 2026 à 9 h 30');
  });

  it.each<NoticeKind>(['reminder', 'invitation', 'invitation-reminder', 'invitation-withdrawn', 'moved', 'cancelled', 'relance'])('renders a %s', async (kind) => {
    const text = await letterText(aNoticeOfKind(kind));
    expect(text).toContain('Objet : ');
    expect(text).toContain('Protection de vos données.');
  });

  it('prints names from any alphabet with the letters its fonts have', async () => {
    const notice = aNoticeOfKind('convocation', { recipient: { ...aNotice().recipient, firstName: 'Łukasz', lastName: 'Şahin' } });
    expect(await letterText(notice)).toContain('Mme Lukasz SAHIN');
  });

  it('formats the address as La Poste asks', () => {
    expect(addressBlock({ civility: null, firstName: 'JEAN-PIERRE', lastName: 'Martin', address: null }, { lines: [' 3  rue Haute ', ''], postcode: '59000', city: 'Lille' })).toEqual([
      'Jean-Pierre MARTIN',
      '3 rue Haute',
      '59000 LILLE',
    ]);
  });
});

describe('the standard fonts metrics, parsed once per process', () => {
  afterEach(() => standardFontMetrics({ enabled: true }));

  it('are shared between letters, which come out byte for byte as without sharing', async () => {
    const notice = aNoticeOfKind('relance');
    const shared = await renderLetter(notice);
    await renderLetter(aNoticeOfKind('convocation'));
    // Helvetica and Helvetica-Bold, whatever the number of letters.
    expect(standardFontMetrics()).toEqual({ active: true, fonts: 2 });
    standardFontMetrics({ enabled: false });
    const parsedAgain = await renderLetter(notice);
    expect(parsedAgain.equals(shared)).toBe(true);
  });
});
