import type { Notice } from '../../../../domain/notice';
import type { NoticeContent } from '../notice-content';
import { bookingContent } from './content-shapes';
import { bookingDeadline } from './invitation.wording';
import type { NoticeWording, SmsTerseness } from './notice-wording';
import { smsDay, smsGreeting, smsPhone } from './sms-parts';

/** An invitation not answered yet. */
export const invitationReminderWording: NoticeWording = {
  content(notice: Notice): NoticeContent {
    return bookingContent(notice, {
      subject: `Rappel : prenez rendez-vous ${bookingDeadline(notice)}`,
      lead: [
        'Nous vous avons écrit pour vous demander de prendre un premier rendez-vous.',
        "Vous ne l'avez pas encore pris.",
        `Prenez-le ${bookingDeadline(notice)}.`,
      ],
    });
  },

  sms(notice: Notice, terseness: SmsTerseness): string {
    const by = bookingDeadline(notice, (day) => smsDay(day, terseness));
    return `${smsGreeting(notice)} rappel : prenez votre rendez-vous RSA ${by}. Appelez le ${smsPhone(notice, terseness)}.`;
  },
};
