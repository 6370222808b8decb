import type { Notice } from '../../../../domain/notice';
import { bringBlock, phoneWithHours, salutationOf, signatureOf, type NoticeContent } from '../notice-content';
import { bookingDeadline, bookingDuty } from './invitation.wording';
import type { NoticeWording, SmsTerseness } from './notice-wording';
import { smsDay, smsGreeting, smsPhone } from './sms-parts';

/** An invitation not answered yet. */
export const invitationReminderWording: NoticeWording = {
  content(notice: Notice): NoticeContent {
    return {
      subject: `Rappel : prenez rendez-vous ${bookingDeadline(notice)}`,
      salutation: salutationOf(notice.recipient),
      lead: [
        'Nous vous avons écrit pour vous demander de prendre un premier rendez-vous.',
        "Vous ne l'avez pas encore pris.",
        `Prenez-le ${bookingDeadline(notice)}.`,
        ...bookingDuty(notice),
      ],
      appointment: null,
      bring: bringBlock(notice, 'Le jour du rendez-vous, apportez :'),
      mandatory: null,
      contact: [`Appelez le ${phoneWithHours(notice)} pour choisir le jour et l'heure.`],
      closing: ['Nous vous attendons.'],
      signature: signatureOf(notice),
    };
  },

  sms(notice: Notice, terseness: SmsTerseness): string {
    const by = notice.bookBy ? `avant le ${smsDay(notice.bookBy, terseness)}` : 'dès que possible';
    return `${smsGreeting(notice)} rappel : prenez votre rendez-vous RSA ${by}. Appelez le ${smsPhone(notice, terseness)}.`;
  },
};
