import type { NoticeKind } from '../../../../domain/notice';
import { cancelledWording } from './cancelled.wording';
import { convocationWording } from './convocation.wording';
import { invitationReminderWording } from './invitation-reminder.wording';
import { invitationWithdrawnWording } from './invitation-withdrawn.wording';
import { invitationWording } from './invitation.wording';
import { movedWording } from './moved.wording';
import type { NoticeWording } from './notice-wording';
import { relanceWording } from './relance.wording';
import { reminderWording } from './reminder.wording';

export type { NoticeWording, SmsTerseness } from './notice-wording';
export { SMS_TERSENESS } from './notice-wording';

/** One wording per kind: a new kind fails to compile until it is worded. */
export const WORDINGS: Readonly<Record<NoticeKind, NoticeWording>> = {
  convocation: convocationWording,
  reminder: reminderWording,
  invitation: invitationWording,
  'invitation-reminder': invitationReminderWording,
  'invitation-withdrawn': invitationWithdrawnWording,
  moved: movedWording,
  cancelled: cancelledWording,
  relance: relanceWording,
};
