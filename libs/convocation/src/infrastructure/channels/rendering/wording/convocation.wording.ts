import type { Notice } from '../../../../domain/notice';
import { agreed, type NoticeContent } from '../notice-content';
import { convenedContent } from './content-shapes';
import { appointmentOf, type NoticeWording, type SmsTerseness } from './notice-wording';
import { smsBring, smsGreeting, smsPlace, smsReschedule, smsWhen } from './sms-parts';

/** The first convocation: date, time, place, what to bring, attendance mandatory. */
export const convocationWording: NoticeWording = {
  content(notice: Notice): NoticeContent {
    const appointment = appointmentOf(notice);
    return convenedContent(notice, appointment, {
      subject: `Convocation à ${appointment.purpose}`,
      lead: ['Vous recevez le RSA.', `Vous êtes ${agreed(notice.recipient, 'convoqué')} à ${appointment.purpose}.`],
      heading: 'Votre rendez-vous',
    });
  },

  sms(notice: Notice, terseness: SmsTerseness): string {
    const appointment = appointmentOf(notice);
    const mandatory = notice.mandatory ? ' Présence obligatoire (RSA).' : '';
    return (
      `${smsGreeting(notice)} vous êtes ${agreed(notice.recipient, 'convoqué')} à ${appointment.purpose} ` +
      `le ${smsWhen(appointment.startsAt, terseness)}, ${smsPlace(appointment, terseness)}.` +
      `${mandatory}${smsBring(notice, terseness)}${smsReschedule(notice, terseness)}`
    );
  },
};
