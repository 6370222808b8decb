import type { Notice } from '../../../../domain/notice';
import { frenchDateTime } from '../french-dates';
import type { NoticeContent } from '../notice-content';
import { convenedContent } from './content-shapes';
import { appointmentOf, type NoticeWording, type SmsTerseness } from './notice-wording';
import { smsGreeting, smsPlace, smsReschedule, smsWhen } from './sms-parts';

/** The appointment moved: the new date, time and place replace the old ones. */
export const movedWording: NoticeWording = {
  content(notice: Notice): NoticeContent {
    const appointment = appointmentOf(notice);
    const previously = notice.previousStartsAt
      ? `Votre rendez-vous du ${frenchDateTime(notice.previousStartsAt)} est déplacé.`
      : 'Votre rendez-vous est déplacé.';
    return convenedContent(notice, appointment, {
      subject: `Votre rendez-vous est déplacé au ${frenchDateTime(appointment.startsAt)}`,
      lead: [previously, `Voici votre nouveau rendez-vous pour ${appointment.purpose}.`],
      heading: 'Votre nouveau rendez-vous',
    });
  },

  sms(notice: Notice, terseness: SmsTerseness): string {
    const appointment = appointmentOf(notice);
    const mandatory = notice.mandatory ? ' Présence obligatoire (RSA).' : '';
    return (
      `${smsGreeting(notice)} votre rendez-vous RSA est déplacé au ${smsWhen(appointment.startsAt, terseness)}, ` +
      `${smsPlace(appointment, terseness)}.${mandatory}${smsReschedule(notice, terseness)}`
    );
  },
};
