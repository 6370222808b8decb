import type { Notice } from '../../../../domain/notice';
import { frenchDay } from '../french-dates';
import { agreed, type NoticeContent } from '../notice-content';
import { bookingContent } from './content-shapes';
import type { NoticeWording, SmsTerseness } from './notice-wording';
import { smsDay, smsGreeting, smsPhone } from './sms-parts';

/** "avant le mardi 15 décembre 2026", or "dès que possible" without a day. */
export function bookingDeadline(notice: Notice, day: (isoDay: string) => string = (d) => frenchDay(d)): string {
  return notice.bookBy ? `avant le ${day(notice.bookBy)}` : 'dès que possible';
}

/** Where the territory invites first: the person books the appointment by phone before a date. */
export const invitationWording: NoticeWording = {
  content(notice: Notice): NoticeContent {
    return bookingContent(notice, {
      subject: `Prenez rendez-vous ${bookingDeadline(notice)}`,
      lead: [
        'Vous recevez le RSA.',
        `Vous allez être ${agreed(notice.recipient, 'accompagné')} dans vos démarches.`,
        `Pour commencer, prenez un premier rendez-vous ${bookingDeadline(notice)}.`,
      ],
    });
  },

  sms(notice: Notice, terseness: SmsTerseness): string {
    const by = bookingDeadline(notice, (day) => smsDay(day, terseness));
    return `${smsGreeting(notice)} vous recevez le RSA : prenez un premier rendez-vous ${by} au ${smsPhone(notice, terseness)}.`;
  },
};
