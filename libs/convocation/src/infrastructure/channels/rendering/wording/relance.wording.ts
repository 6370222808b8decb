import type { Notice } from '../../../../domain/notice';
import { agreed, type NoticeContent } from '../notice-content';
import { convenedContent } from './content-shapes';
import { appointmentOf, type NoticeWording, type SmsTerseness } from './notice-wording';
import { smsBring, smsGreeting, smsPlace, smsReschedule, smsWhen } from './sms-parts';

/** "relance n° 2", or nothing when the notice does not say which one. */
function relanceLabel(notice: Notice): string | null {
  return notice.relanceNumber ? `relance n° ${notice.relanceNumber}` : null;
}

/** The person missed the appointment: a new convocation, the attendance duty spelt out again. */
export const relanceWording: NoticeWording = {
  content(notice: Notice): NoticeContent {
    const appointment = appointmentOf(notice);
    const label = relanceLabel(notice);
    return convenedContent(notice, appointment, {
      subject: `Nouvelle convocation à ${appointment.purpose}${label ? ` (${label})` : ''}`,
      lead: [
        `Vous n'êtes pas ${agreed(notice.recipient, 'venu')} à votre dernier rendez-vous.`,
        `Nous vous convoquons une nouvelle fois à ${appointment.purpose}.`,
        ...(label ? [`C'est notre ${label}.`] : []),
      ],
      heading: 'Votre nouveau rendez-vous',
    });
  },

  sms(notice: Notice, terseness: SmsTerseness): string {
    const appointment = appointmentOf(notice);
    const mandatory = notice.mandatory
      ? terseness < 3
        ? ' Présence obligatoire : une absence sans motif peut entraîner un réexamen du RSA.'
        : ' Présence obligatoire (RSA).'
      : '';
    return (
      `${smsGreeting(notice)} vous n'êtes pas ${agreed(notice.recipient, 'venu')} à votre rendez-vous RSA. ` +
      `Nouvelle convocation le ${smsWhen(appointment.startsAt, terseness)}, ${smsPlace(appointment, terseness)}.` +
      `${mandatory}${smsBring(notice, terseness)}${smsReschedule(notice, terseness)}`
    );
  },
};
