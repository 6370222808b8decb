import type { Notice } from '../../../../domain/notice';
import { frenchDay } from '../french-dates';
import { agreed, bringBlock, phoneWithHours, salutationOf, signatureOf, type NoticeContent } from '../notice-content';
import type { NoticeWording, SmsTerseness } from './notice-wording';
import { smsDay, smsGreeting, smsPhone } from './sms-parts';

/** Where the territory invites first: the person books the appointment by phone before a date. */
export function bookingDeadline(notice: Notice): string {
  return notice.bookBy ? `avant le ${frenchDay(notice.bookBy)}` : 'dès que possible';
}

export function bookingDuty(notice: Notice): string[] {
  return notice.mandatory ? ['Prendre ce rendez-vous fait partie de vos droits et devoirs liés au RSA.'] : [];
}

export const invitationWording: NoticeWording = {
  content(notice: Notice): NoticeContent {
    return {
      subject: `Prenez rendez-vous ${bookingDeadline(notice)}`,
      salutation: salutationOf(notice.recipient),
      lead: [
        'Vous recevez le RSA.',
        `Vous allez être ${agreed(notice.recipient, 'accompagné')} dans vos démarches.`,
        `Pour commencer, prenez un premier rendez-vous ${bookingDeadline(notice)}.`,
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
    return `${smsGreeting(notice)} vous recevez le RSA : prenez un premier rendez-vous ${by} au ${smsPhone(notice, terseness)}.`;
  },
};
