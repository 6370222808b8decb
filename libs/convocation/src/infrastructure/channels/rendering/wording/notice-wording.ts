import type { Notice, NoticeAppointment } from '../../../../domain/notice';
import { PermanentDeliveryError } from '../../../../application/channels';
import type { NoticeContent } from '../notice-content';

/**
 * The words of one kind of notice: the letter and email content, and the SMS. An SMS is asked for
 * at a terseness from 0 (everything) to SMS_TERSEST (the bare appointment and the phone), and the
 * SMS renderer keeps the richest one that fits.
 */
export interface NoticeWording {
  content(notice: Notice): NoticeContent;
  sms(notice: Notice, terseness: SmsTerseness): string;
}

/**
 * 0 everything; 1 without what to bring; 2 without the phone's opening hours; 3 without the street,
 * the year and the mention's explanation; 4 the place name cut short.
 */
export type SmsTerseness = 0 | 1 | 2 | 3 | 4;
export const SMS_TERSENESS: readonly SmsTerseness[] = [0, 1, 2, 3, 4];

/** Kinds about an appointment cannot be worded without it: a notice built wrong, never worth a retry. */
export function appointmentOf(notice: Notice): NoticeAppointment {
  if (!notice.appointment) {
    throw new PermanentDeliveryError(`a ${notice.kind} notice needs an appointment`, 'invalid-notice');
  }
  return notice.appointment;
}
