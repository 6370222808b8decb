import type { Pool } from 'pg';
import { maskTypedNirs, type Actor, type Channel } from '@rsa/kernel';
import type { SqlRunner } from '../database/bulk-sql';

/** Someone refused before being identified (no token, a forged one…). */
export interface AnonymousCaller {
  readonly kind: 'anonymous';
  readonly channel: Channel;
  readonly requestId: string | null;
  /** The token's subject when the token was valid but its holder has no usable habilitation. */
  readonly subject?: string | null;
}

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

/** Field -> { before, after } for a change; values may be personal data (kept in `sensitive`). */
export type AuditDiff = Record<string, { before: unknown; after: unknown }>;

export interface AuditRecord {
  readonly actor: Actor | AnonymousCaller;
  /** `beneficiary.read`, `beneficiary.nir.read`, `intake.import`… */
  readonly action: string;
  readonly outcome: AuditOutcome;
  /** What was acted upon. */
  readonly target?: { readonly type: string; readonly id: string | null };
  /** Every beneficiary (person id) whose data was read or changed, lists included. */
  readonly subjectIds?: readonly string[];
  readonly reasonCode?: string | null;
  /** Codes, counts and ids only: never a name, a NIR, an address. */
  readonly detail?: Record<string, unknown>;
  /** The before/after of a change and a free-text comment: personal data, anonymised by retention. */
  readonly diff?: AuditDiff | null;
  readonly comment?: string | null;
}

export interface AuditEventView {
  seq: string;
  at: string;
  actorKind: string;
  actorRef: string | null;
  actorProfessionalId: string | null;
  actorRole: string | null;
  actorStructureId: string | null;
  channel: string;
  requestId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  subjectIds: string[];
  outcome: string;
  reasonCode: string | null;
  detail: Record<string, unknown>;
  anonymisedAt: string | null;
  hash: string;
}

export interface AuditVerification {
  /** True when every entry's hash, link and sequence number check out. */
  ok: boolean;
  checked: number;
  /** The last entry: publish (seq, hash) somewhere else to detect a rewritten tail. */
  head: { seq: string; hash: string } | null;
  /** The first entry that does not check out, and why. */
  firstBreak: { seq: string; problem: 'hash' | 'link' | 'sequence' | 'sensitive' } | null;
}

export interface AuditFilter {
  subjectId?: string;
  actorProfessionalId?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  /** Entries after this sequence number (keyset paging, oldest first). */
  afterSeq?: string;
  limit: number;
}

/** `seq` comes out as text (a bigint): order by `e.seq`, the column, never by this output name. */
const VIEW_COLUMNS = `e.seq::text AS seq, at, actor_kind AS "actorKind", actor_ref AS "actorRef", actor_professional_id AS "actorProfessionalId",
  actor_role AS "actorRole", actor_structure_id AS "actorStructureId", channel, request_id AS "requestId", action,
  target_type AS "targetType", target_id AS "targetId", subject_ids::text[] AS "subjectIds", outcome, reason_code AS "reasonCode",
  detail, anonymised_at AS "anonymisedAt", hash`;

const VERIFY_PAGE = 5000;
const ZERO_HASH = '0'.repeat(64);

/**
 * The append-only audit trail (issue "Access control": who, when, what, why, outcome, diff). Entries
 * are chained and sequenced by the database (AuditTrail migration), so nothing here can forget to.
 * A change and its entry are written in the same transaction (pass the transaction's runner); a read
 * is recorded before its answer leaves, and an entry that cannot be written fails the request.
 */
export class AuditTrail {
  constructor(private readonly pool: Pool) {}

  /**
   * Runs `work`; when it throws an error `refusal` maps to an entry (a refusal that rolled its
   * transaction back: an appointment change refused for what it asks, a contract written by someone
   * who does not hold the accompaniment), that entry is written outside the transaction, then the
   * error goes on to the caller.
   */
  async recordingRefusal<T>(work: () => Promise<T>, refusal: (error: unknown) => AuditRecord | null): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const entry = refusal(error);
      if (entry) await this.record(entry);
      throw error;
    }
  }

  async record(entry: AuditRecord, runner?: SqlRunner): Promise<void> {
    const actor = entry.actor;
    const user = actor.kind === 'user' ? actor : null;
    const actorRef = actor.kind === 'user' ? actor.subject : actor.kind === 'system' ? (actor.operator ? `${actor.name} (${actor.operator})` : actor.name) : (actor.subject ?? null);
    const sensitive = entry.diff || entry.comment ? { ...(entry.diff ? { diff: entry.diff } : {}), ...(entry.comment ? { comment: entry.comment } : {}) } : null;
    const sql = `INSERT INTO audit_event (seq, actor_kind, actor_ref, actor_professional_id, actor_habilitation_id, actor_role, actor_structure_id,
        channel, request_id, action, target_type, target_id, subject_ids, outcome, reason_code, detail, sensitive, prev_hash, hash)
      VALUES (0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::uuid[], $13, $14, $15, $16, '', '')`;
    const params = [
      actor.kind,
      actorRef?.slice(0, 255) ?? null,
      user?.professionalId ?? null,
      user?.habilitationId ?? null,
      user?.role ?? null,
      user?.structureId ?? null,
      actor.channel,
      actor.requestId?.slice(0, 100) ?? null,
      entry.action,
      entry.target?.type ?? null,
      // The id may be what a caller typed in the path (a territory, an id that names nothing): the
      // trail cannot be changed afterwards, so a NIR typed there is masked before it is written.
      typeof entry.target?.id === 'string' ? maskTypedNirs(entry.target.id).slice(0, 100) : null,
      [...new Set(entry.subjectIds ?? [])],
      entry.outcome,
      entry.reasonCode ?? null,
      JSON.stringify(entry.detail ?? {}),
      sensitive === null ? null : JSON.stringify(sensitive),
    ];
    if (runner) await runner.query(sql, params);
    else await this.pool.query(sql, params);
  }

  async list(filter: AuditFilter): Promise<AuditEventView[]> {
    const { rows } = await this.pool.query<AuditEventView>(
      `SELECT ${VIEW_COLUMNS} FROM audit_event e
        WHERE ($1::uuid IS NULL OR subject_ids @> ARRAY[$1::uuid])
          AND ($2::uuid IS NULL OR actor_professional_id = $2)
          AND ($3::text IS NULL OR action = $3)
          AND ($4::text IS NULL OR outcome = $4)
          AND ($5::timestamptz IS NULL OR at >= $5)
          AND ($6::timestamptz IS NULL OR at < $6)
          AND ($7::bigint IS NULL OR e.seq > $7)
        ORDER BY e.seq LIMIT $8`,
      [filter.subjectId ?? null, filter.actorProfessionalId ?? null, filter.action ?? null, filter.outcome ?? null, filter.from ?? null, filter.to ?? null, filter.afterSeq ?? null, filter.limit],
    );
    return rows;
  }

  /** One entry with its sensitive part (diff, comment), unless retention anonymised it. */
  async get(seq: string): Promise<(AuditEventView & { sensitive: Record<string, unknown> | null }) | null> {
    const { rows } = await this.pool.query(`SELECT ${VIEW_COLUMNS}, sensitive FROM audit_event e WHERE e.seq = $1`, [seq]);
    return rows[0] ?? null;
  }

  /**
   * Recomputes the whole chain, oldest first, a page at a time: each hash from the entry's canonical
   * text, each link to the previous hash, the gapless sequence, and each sensitive part against its
   * digest (unless anonymised). Reports the first entry that fails.
   */
  async verify(): Promise<AuditVerification> {
    let previous: { seq: string; hash: string } | null = null;
    let checked = 0;
    type Row = { seq: string; hash: string; prev_hash: string; computed: string; sensitive_ok: boolean };
    for (;;) {
      const rows: Row[] = (await this.pool.query<Row>(
        `SELECT seq::text, hash, prev_hash, encode(sha256(convert_to(audit_event_canonical(e), 'UTF8')), 'hex') AS computed,
                (anonymised_at IS NOT NULL OR (sensitive IS NULL AND sensitive_digest IS NULL)
                  OR sensitive_digest = encode(sha256(convert_to(sensitive::text, 'UTF8')), 'hex')) AS sensitive_ok
           FROM audit_event e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
        [previous?.seq ?? '0', VERIFY_PAGE],
      )).rows;
      for (const row of rows) {
        const expectedSeq = previous ? BigInt(previous.seq) + 1n : 1n;
        const problem =
          BigInt(row.seq) !== expectedSeq ? 'sequence'
          : row.prev_hash !== (previous?.hash ?? ZERO_HASH) ? 'link'
          : row.computed !== row.hash ? 'hash'
          : !row.sensitive_ok ? 'sensitive'
          : null;
        if (problem) return { ok: false, checked, head: previous, firstBreak: { seq: row.seq, problem } };
        checked++;
        previous = { seq: row.seq, hash: row.hash };
      }
      if (rows.length < VERIFY_PAGE) return { ok: true, checked, head: previous, firstBreak: null };
    }
  }

  /**
   * Retention: replaces the sensitive part of entries recorded before `cutoff` with a marker. The
   * database allows exactly this change, once per entry; the chain still verifies.
   */
  async anonymiseSensitiveBefore(cutoff: Date, apply: boolean): Promise<number> {
    if (!apply) {
      const { rows } = await this.pool.query(`SELECT count(*)::int AS n FROM audit_event WHERE at < $1 AND sensitive IS NOT NULL AND anonymised_at IS NULL`, [cutoff]);
      return rows[0].n;
    }
    const result = await this.pool.query(
      `UPDATE audit_event SET sensitive = '{"anonymised": true}'::jsonb, anonymised_at = now()
        WHERE at < $1 AND sensitive IS NOT NULL AND anonymised_at IS NULL`,
      [cutoff],
    );
    return result.rowCount ?? 0;
  }
}

/** The fields that differ between two versions of a record, for the audit diff. */
export function diffOf<T extends Record<string, unknown>>(before: Partial<T> | null, after: Partial<T>): AuditDiff {
  const diff: AuditDiff = {};
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after)])) {
    const was = before?.[key] ?? null;
    const now = after[key] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(now)) diff[key] = { before: was, after: now };
  }
  return diff;
}
