import type { Notice } from '../../../../domain/notice';
import { agreed, type NoticeContent } from '../notice-content';
import { calledOffContent } from './content-shapes';
import type { NoticeWording, SmsTerseness } from './notice-wording';
import { smsGreeting, smsPhone } from './sms-parts';

/** The invitation to book no longer stands: nothing to book, nothing to bring; a letter follows if needed. */
export const invitationWithdrawnWording: NoticeWording = {
  content(notice: Notice): NoticeContent {
    return calledOffContent(notice, {
      subject: "Vous n'avez plus à prendre rendez-vous",
      lead: [
        `Nous vous avions ${agreed(notice.recipient, 'invité')} à prendre un premier rendez-vous.`,
        "Votre situation a changé : vous n'avez plus à prendre ce rendez-vous.",
        'Si un rendez-vous est nécessaire plus tard, nous vous écrirons.',
      ],
    });
  },

  sms(notice: Notice, terseness: SmsTerseness): string {
    return (
      `${smsGreeting(notice)} vous n'avez plus à prendre le rendez-vous RSA proposé. ` +
      `Si besoin, nous vous recontacterons. Question : ${smsPhone(notice, terseness)}.`
    );
  },
};
