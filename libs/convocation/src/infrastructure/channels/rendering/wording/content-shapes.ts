import type { Notice, NoticeAppointment } from '../../../../domain/notice';
import {
  appointmentBlock,
  bringBlock,
  mandatoryMention,
  phoneWithHours,
  receptionSentence,
  rescheduleContact,
  salutationOf,
  signatureOf,
  type NoticeContent,
} from '../notice-content';

/**
 * The two shapes most notices share. A convened appointment (convocation, move, relance): the
 * message, the kind of reception, the appointment block, what to bring, attendance, how to move it.
 * A booking request (invitation and its reminder): the message, what to bring, whom to call.
 * Something called off (an appointment cancelled, an invitation withdrawn): the message and whom to
 * call, nothing to bring, nothing mandatory.
 */
export function convenedContent(notice: Notice, appointment: NoticeAppointment, words: { subject: string; lead: string[]; heading: string }): NoticeContent {
  return {
    subject: words.subject,
    salutation: salutationOf(notice.recipient),
    lead: [...words.lead, receptionSentence(appointment)],
    appointment: appointmentBlock(words.heading, appointment),
    bring: bringBlock(notice),
    mandatory: mandatoryMention(notice),
    contact: rescheduleContact(notice),
    closing: ['Nous comptons sur votre présence.'],
    signature: signatureOf(notice),
  };
}

export function bookingContent(notice: Notice, words: { subject: string; lead: string[] }): NoticeContent {
  return {
    subject: words.subject,
    salutation: salutationOf(notice.recipient),
    lead: [...words.lead, ...(notice.mandatory ? ['Prendre ce rendez-vous fait partie de vos droits et devoirs liés au RSA.'] : [])],
    appointment: null,
    bring: bringBlock(notice, 'Le jour du rendez-vous, apportez :'),
    mandatory: null,
    contact: [`Appelez le ${phoneWithHours(notice)} pour choisir le jour et l'heure.`],
    closing: ['Nous vous attendons.'],
    signature: signatureOf(notice),
  };
}

export function calledOffContent(notice: Notice, words: { subject: string; lead: string[] }): NoticeContent {
  return {
    subject: words.subject,
    salutation: salutationOf(notice.recipient),
    lead: words.lead,
    appointment: null,
    bring: null,
    mandatory: null,
    contact: [`Une question ? Appelez le ${phoneWithHours(notice)}.`],
    closing: ['Merci de votre compréhension.'],
    signature: signatureOf(notice),
  };
}
