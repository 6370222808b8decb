import { Role } from '@rsa/kernel';
import { Notices } from '@rsa/orientation';
import type { RouteCase } from './access-matrix';
import { SUBJECT_OF_ROLE } from './access-fixture';

const R = Role;
const NOTICE_READERS = [R.Referent, R.Coordinator, R.FtCounsellor, R.PartnerOperator];

/** The professionals' inbox: one's own notices only. */
export const NOTICE_ROUTES: Record<string, RouteCase> = {
  'GET /orientation/notices': { allowed: NOTICE_READERS, personal: false, status: 200, request: () => ({ path: '/orientation/notices?unread=true' }) },
  'POST /orientation/notices/:id/read': {
    allowed: NOTICE_READERS,
    personal: false,
    status: 200,
    request: async (f, role) => {
      const recipientId = f.seed.professionalIds[SUBJECT_OF_ROLE[role]];
      await Notices.notify({ query: (text, params) => f.sql(text, params) }, [{ recipientId, kind: 'portfolio-review-due', dedupeKey: `matrix-${role}` }]);
      const [notice] = await f.sql<{ id: string }>(`SELECT id FROM orientation_notice WHERE recipient_id = $1 AND dedupe_key = $2`, [recipientId, `matrix-${role}`]);
      return { path: `/orientation/notices/${notice.id}/read` };
    },
  },
};
