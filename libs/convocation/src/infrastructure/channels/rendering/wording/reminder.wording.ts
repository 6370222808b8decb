import type { Notice } from '../../../../domain/notice';
import { frenchDateTime } from '../french-dates';
import { appointmentBlock, bringBlock, rescheduleContact, salutationOf, signatureOf, type NoticeContent } from '../notice-content';
import { appointmentOf, type NoticeWording, type SmsTerseness } from './notice-wording';
import { smsGreeting, smsPlace, smsReschedule, smsWhen } from './sms-parts';

/** A few days before the appointment: mostly an SMS, so it aims at one segment. */
export const reminderWording: NoticeWording = {
  content(notice: Notice): NoticeContent {
    const appointment = appointmentOf(notice);
    return {
      subject: `Rappel : votre rendez-vous du ${frenchDateTime(appointment.startsAt)}`,
      salutation: salutationOf(notice.recipient),
      lead: [`Nous vous rappelons votre rendez-vous pour ${appointment.purpose}.`],
      appointment: appointmentBlock('Votre rendez-vous', appointment),
      bring: bringBlock(notice, "N'oubliez pas d'apporter :"),
      mandatory: null,
      contact: rescheduleContact(notice),
      closing: ['À bientôt.'],
      signature: signatureOf(notice),
    };
  },

  sms(notice: Notice, terseness: SmsTerseness): string {
    const appointment = appointmentOf(notice);
    return (
      `${smsGreeting(notice)} rappel : rendez-vous RSA le ${smsWhen(appointment.startsAt, terseness)}, ` +
      `${smsPlace(appointment, terseness)}.${smsReschedule(notice, terseness)}`
    );
  },
};
