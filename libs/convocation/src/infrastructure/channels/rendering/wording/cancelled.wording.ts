import type { Notice } from '../../../../domain/notice';
import { frenchDateTime } from '../french-dates';
import type { NoticeContent } from '../notice-content';
import { calledOffContent } from './content-shapes';
import type { NoticeWording, SmsTerseness } from './notice-wording';
import { smsGreeting, smsPhone, smsWhen } from './sms-parts';

/** The appointment is cancelled: nothing to bring, no need to come; a new one follows if needed. */
export const cancelledWording: NoticeWording = {
  content(notice: Notice): NoticeContent {
    const appointment = notice.appointment;
    const which = appointment ? ` du ${frenchDateTime(appointment.startsAt)}` : '';
    return calledOffContent(notice, {
      subject: `Votre rendez-vous${which} est annulé`,
      lead: [
        appointment ? `Votre rendez-vous${which} pour ${appointment.purpose} est annulé.` : 'Votre rendez-vous est annulé.',
        "Vous n'avez pas à vous déplacer.",
        'Si un nouveau rendez-vous est nécessaire, nous vous écrirons.',
      ],
    });
  },

  sms(notice: Notice, terseness: SmsTerseness): string {
    const which = notice.appointment ? ` du ${smsWhen(notice.appointment.startsAt, terseness)}` : '';
    return (
      `${smsGreeting(notice)} votre rendez-vous RSA${which} est annulé. Ne vous déplacez pas. ` +
      `Si besoin, nous vous recontacterons. Question : ${smsPhone(notice, terseness)}.`
    );
  },
};
