import { aNotice, aNoticeAppointment, aNoticeOfKind } from '@rsa/testing';
import { escapeHtml, renderEmail } from './email-renderer';

const MANDATORY = 'Si vous ne venez pas sans motif valable, votre droit au RSA peut être réexaminé.';

describe('renderEmail', () => {
  it('says what a convocation says: date written out, place, what to bring, how to move it, attendance', () => {
    const { subject, text, html } = renderEmail(aNoticeOfKind('convocation'));
    expect(subject).toBe("Convocation à un entretien d'orientation");
    for (const expected of [
      'Madame,',
      "Vous êtes convoquée à un entretien d'orientation.",
      'Date : mardi 8 décembre 2026 à 9 h 30',
      'Maison Nord Emploi Roubaix',
      '12 rue de la Gare',
      '59100 Roubaix',
      'Métro ligne 2, arrêt Roubaix Gare',
      "  - Votre pièce d'identité",
      'Appelez le 03 59 73 00 00 (du lundi au vendredi, de 9 h à 17 h).',
      'Votre présence est obligatoire.',
      'droits et devoirs liés au RSA',
      MANDATORY,
      'Protection de vos données.',
      'Vous pouvez consulter vos données et les faire corriger.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(html).toContain('<li>Votre pièce d&#39;identité</li>');
    expect(html).toContain('mardi 8 décembre 2026 à 9 h 30');
    expect(html).toContain('<html lang="fr">');
  });

  it('leaves out the postal address and the last name (the email goes to the person)', () => {
    const { text } = renderEmail(aNoticeOfKind('convocation'));
    expect(text).not.toContain('Lilas');
    expect(text).not.toContain('DUVAL');
  });

  it('agrees with the civility, and stays neutral without one', () => {
    expect(renderEmail(aNoticeOfKind('convocation', { recipient: { ...aNotice().recipient, civility: 'M.' } })).text).toContain('Monsieur,\n\nVous recevez le RSA.\nVous êtes convoqué à');
    expect(renderEmail(aNoticeOfKind('convocation', { recipient: { ...aNotice().recipient, civility: null } })).text).toContain('Madame, Monsieur,\n\nVous recevez le RSA.\nVous êtes convoqué(e) à');
  });

  it('prints the attendance mention on convocations, moves and relances, never on reminders or cancellations', () => {
    expect(renderEmail(aNoticeOfKind('relance')).text).toContain(MANDATORY);
    expect(renderEmail(aNoticeOfKind('moved')).text).toContain(MANDATORY);
    expect(renderEmail(aNoticeOfKind('reminder')).text).not.toContain(MANDATORY);
    expect(renderEmail(aNoticeOfKind('cancelled')).text).not.toContain(MANDATORY);
    expect(renderEmail(aNoticeOfKind('convocation', { mandatory: false })).text).not.toContain(MANDATORY);
  });

  it('words each kind', () => {
    expect(renderEmail(aNoticeOfKind('reminder')).subject).toBe('Rappel : votre rendez-vous du mardi 8 décembre 2026 à 9 h 30');
    expect(renderEmail(aNoticeOfKind('invitation')).subject).toBe('Prenez rendez-vous avant le mardi 15 décembre 2026');
    expect(renderEmail(aNoticeOfKind('invitation', { bookBy: null })).subject).toBe('Prenez rendez-vous dès que possible');
    expect(renderEmail(aNoticeOfKind('invitation-reminder')).text).toContain("Vous ne l'avez pas encore pris.");
    const withdrawn = renderEmail(aNoticeOfKind('invitation-withdrawn'));
    expect(withdrawn.subject).toBe("Vous n'avez plus à prendre rendez-vous");
    expect(withdrawn.text).toContain('Nous vous avions invitée à prendre un premier rendez-vous.');
    expect(withdrawn.text).not.toContain(MANDATORY);
    const moved = renderEmail(aNoticeOfKind('moved'));
    expect(moved.subject).toBe('Votre rendez-vous est déplacé au mardi 8 décembre 2026 à 9 h 30');
    expect(moved.text).toContain('Votre rendez-vous du vendredi 4 décembre 2026 à 14 h est déplacé.');
    const cancelled = renderEmail(aNoticeOfKind('cancelled'));
    expect(cancelled.subject).toBe('Votre rendez-vous du mardi 8 décembre 2026 à 9 h 30 est annulé');
    expect(cancelled.text).not.toContain('Apportez');
    const relance = renderEmail(aNoticeOfKind('relance'));
    expect(relance.subject).toBe("Nouvelle convocation à un entretien d'orientation (relance n° 2)");
    expect(relance.text).toContain("Vous n'êtes pas venue à votre dernier rendez-vous.");
  });

  it('keeps Paris time across the October DST change', () => {
    const before = renderEmail(aNoticeOfKind('convocation', { appointment: aNoticeAppointment({ startsAt: new Date('2026-10-23T07:30:00Z') }) }));
    const after = renderEmail(aNoticeOfKind('convocation', { appointment: aNoticeAppointment({ startsAt: new Date('2026-10-26T08:30:00Z') }) }));
    expect(before.text).toContain('vendredi 23 octobre 2026 à 9 h 30');
    expect(after.text).toContain('lundi 26 octobre 2026 à 9 h 30');
  });

  it('escapes everything that comes from data in the HTML, and keeps headers on one line', () => {
    const hostile = aNoticeOfKind('convocation', {
      territoryName: 'MNE <b>Lille</b>',
      appointment: aNoticeAppointment({ placeName: '<script>alert("x")</script> & Cie', purpose: "un entretien\r\nBcc: someone@example.org" }),
      bring: ['<img src=x onerror=alert(1)>'],
    });
    const { subject, html, text } = renderEmail(hostile);
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cie');
    expect(html).toContain('MNE &lt;b&gt;Lille&lt;/b&gt;');
    expect(text).toContain('<script>alert("x")</script> & Cie');
    expect(subject).toBe('Convocation à un entretien Bcc: someone@example.org');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});
