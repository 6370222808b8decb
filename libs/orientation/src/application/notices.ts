import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Clock, UserActor } from '@rsa/kernel';
import type { SqlRunner } from '@rsa/platform';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';

/** What a notice is about. */
export const NOTICE_KINDS = [
  'reorientation-requested',
  'reorientation-decided',
  'portfolio-assigned',
  'portfolio-transferred',
  'over-capacity',
  'first-appointment-due',
  'first-appointment-overdue',
  'contract-expiring',
  'bilan-due',
  'portfolio-review-due',
  'portfolio-review-reminder',
  /** Someone else recorded the exit of a person of the referent's portfolio. */
  'path-exited',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NewNotice {
  recipientId: string;
  kind: NoticeKind;
  personId?: string | null;
  subject?: { type: string; id: string } | null;
  /** Codes, ids and dates only. */
  detail?: Record<string, unknown>;
  dueOn?: string | null;
  /** Same recipient and key again: nothing new (a retried job, a reminder already sent). */
  dedupeKey?: string | null;
}

export interface NoticeView {
  id: string;
  kind: NoticeKind;
  personId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  dueOn: string | null;
  createdAt: Date;
  readAt: Date | null;
}

const VIEW = `id, kind, person_id AS "personId", subject_type AS "subjectType", subject_id AS "subjectId", detail,
  to_char(due_on, 'YYYY-MM-DD') AS "dueOn", created_at AS "createdAt", read_at AS "readAt"`;

/**
 * The professionals' inbox: the orientation context writes notices in the transaction of what
 * caused them; a professional reads their own and marks them read. Nothing personal beyond the
 * person's id (the file itself is read through its own, audited, routes).
 */
export class Notices {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  /** Writes notices in the caller's transaction; returns how many were new. */
  static async notify(runner: SqlRunner, notices: readonly NewNotice[]): Promise<number> {
    let written = 0;
    for (const n of notices) {
      const rows = await runner.query(
        `INSERT INTO orientation_notice (id, recipient_id, kind, person_id, subject_type, subject_id, detail, due_on, dedupe_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (recipient_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
        [randomUUID(), n.recipientId, n.kind, n.personId ?? null, n.subject?.type ?? null, n.subject?.id ?? null, JSON.stringify(n.detail ?? {}), n.dueOn ?? null, n.dedupeKey ?? null],
      );
      written += rows.length;
    }
    return written;
  }

  async list(actor: UserActor, options: { unreadOnly: boolean; limit: number }): Promise<NoticeView[]> {
    const { rows } = await this.pool.query<NoticeView>(
      `SELECT ${VIEW} FROM orientation_notice WHERE recipient_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL) ORDER BY created_at DESC, id LIMIT $3`,
      [actor.professionalId, options.unreadOnly, options.limit],
    );
    return rows;
  }

  async markRead(actor: UserActor, noticeId: string): Promise<NoticeView> {
    const { rows } = await this.pool.query<NoticeView>(
      `UPDATE orientation_notice SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND recipient_id = $2 RETURNING ${VIEW}`,
      [noticeId, actor.professionalId, this.clock.now()],
    );
    if (!rows[0]) throw new OrientationError(OrientationErrorCode.NoticeNotFound, 'No such notice for you', { noticeId });
    return rows[0];
  }
}
