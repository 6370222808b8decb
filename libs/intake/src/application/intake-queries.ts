import type { Pool } from 'pg';
import type { NirVault } from '@rsa/beneficiary';
import { hasPermission, maskNirShaped, maskRawNir, Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import type { AuditTrail } from '@rsa/platform';
import { IntakeError, IntakeErrorCode } from '../domain/intake-errors';
import { rawXmlOf } from './stored-raw';

export interface FileListItem {
  id: string;
  originalName: string;
  status: string;
  kind: string | null;
  channel: string;
  sizeBytes: number;
  fluxAt: string | null;
  receivedAt: string;
  finishedAt: string | null;
  errorCode: string | null;
  households: number | null;
  entrants: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

const FILE_COLUMNS = `id, original_name AS "originalName", status, kind, channel, size_bytes::float8 AS "sizeBytes",
  flux_at AS "fluxAt", received_at AS "receivedAt", finished_at AS "finishedAt", error_code AS "errorCode",
  (report->'households'->>'total')::int AS households, (report->>'entrants')::int AS entrants`;

/** A list query: the items and their total come from the same FROM/WHERE, so they never disagree. */
interface ListQuery {
  select: string;
  /** FROM and WHERE, with `$1…$n` for `params`. */
  from: string;
  orderBy: string;
  params: unknown[];
}

type PageRequest = { limit: number; offset: number };

type AnomalyItem = { personId: string | null; otherPersonId: string | null };
const ANOMALY_COLUMNS = `id::text, file_id AS "fileId", kind, numdemrsa, person_id AS "personId", other_person_id AS "otherPersonId", detail, status,
  created_at AS "createdAt", resolved_at AS "resolvedAt", resolved_by AS "resolvedBy", resolution`;

/**
 * Read side of the intake: SQL straight into read models. File lists and reports are counts
 * (`intake:read`); rejects and anomalies name households and persons (`intake:read-raw`), and
 * reading one reject's raw XML is audited.
 */
export class IntakeQueries {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly vault: NirVault,
  ) {}

  async listFiles(actor: Actor, filter: { status?: string } & PageRequest): Promise<Page<FileListItem>> {
    await this.policy.require(actor, Permission.IntakeRead, { action: 'intake.file.list' });
    return this.page<FileListItem>(
      { select: FILE_COLUMNS, from: 'intake_file WHERE ($1::text IS NULL OR status = $1)', orderBy: 'received_at DESC, id', params: [filter.status ?? null] },
      filter,
    );
  }

  async getFile(actor: Actor, id: string): Promise<FileListItem & { sha256: string; header: object | null; errorMessage: string | null; report: object | null }> {
    await this.policy.require(actor, Permission.IntakeRead, { action: 'intake.file.read', target: { type: 'intake-file', id } });
    const { rows } = await this.pool.query(
      `SELECT ${FILE_COLUMNS}, sha256, header, error_message AS "errorMessage", report FROM intake_file WHERE id = $1`,
      [id],
    );
    if (rows.length === 0) throw fileNotFound(id);
    const file = rows[0];
    // The rejects a report lists name dossiers (NUMDEMRSA, MATRICULE): only for who may read rejects
    // (`intake:read-raw`); the others (administrators) get the counts.
    if (file.report && !hasPermission(actor, Permission.IntakeReadRaw)) {
      const { rejects: _rejects, ...counts } = file.report as { rejects?: unknown };
      file.report = counts;
    } else if (file.report) {
      const rejects = (file.report as { rejects?: { numdemrsa: string | null }[] }).rejects ?? [];
      if (rejects.length > 0) {
        await this.audit.record({
          actor,
          action: 'intake.file.read',
          outcome: 'allowed',
          target: { type: 'intake-file', id },
          subjectIds: await this.personsOf(rejects.map((r) => r.numdemrsa)),
          detail: { rejects: rejects.length },
        });
      }
    }
    return file;
  }

  async listRejects(actor: Actor, fileId: string, page: PageRequest) {
    await this.policy.require(actor, Permission.IntakeReadRaw, { action: 'intake.reject.list', target: { type: 'intake-file', id: fileId } });
    await this.assertFileExists(fileId);
    const result = await this.page<{ id: string; numdemrsa: string | null }>(
      { select: 'id::text, ordinal, numdemrsa, matricule, path, message', from: 'intake_reject WHERE file_id = $1', orderBy: 'ordinal', params: [fileId] },
      page,
    );
    // Rejected households name dossiers (NUMDEMRSA, MATRICULE): who listed them is recorded, with the people already known in them.
    await this.audit.record({
      actor,
      action: 'intake.reject.list',
      outcome: 'allowed',
      target: { type: 'intake-file', id: fileId },
      subjectIds: await this.personsOf(result.items.map((r) => r.numdemrsa)),
      detail: { returned: result.items.length },
    });
    return result;
  }

  /** One reject with its raw XML (sealed at rest; NIRs masked in the answer), to see what the CAF sent. */
  async getReject(actor: Actor, fileId: string, rejectId: string) {
    const target = { type: 'intake-reject', id: rejectId };
    await this.policy.require(actor, Permission.IntakeReadRaw, { action: 'intake.reject.read', target });
    const { rows } = await this.pool.query(
      `SELECT id::text, ordinal, numdemrsa, matricule, path, message, raw_xml AS "rawXml" FROM intake_reject WHERE file_id = $1 AND id = $2`,
      [fileId, rejectId],
    );
    if (rows.length === 0) {
      await this.assertFileExists(fileId);
      throw new IntakeError(IntakeErrorCode.RejectNotFound, 'No such reject for this file', { fileId, rejectId });
    }
    await this.audit.record({ actor, action: 'intake.reject.read', outcome: 'allowed', target, subjectIds: await this.personsOf([rows[0].numdemrsa]), detail: { fileId } });
    return { ...rows[0], rawXml: withMaskedNirs(rawXmlOf(this.vault, rows[0].rawXml as Buffer)) };
  }

  async listAnomalies(actor: Actor, fileId: string, page: PageRequest) {
    await this.policy.require(actor, Permission.IntakeReadRaw, { action: 'intake.anomaly.list', target: { type: 'intake-file', id: fileId } });
    await this.assertFileExists(fileId);
    const result = await this.page<AnomalyItem>({ select: ANOMALY_COLUMNS, from: 'intake_anomaly WHERE file_id = $1', orderBy: 'id', params: [fileId] }, page);
    await this.auditAnomalyList(actor, { type: 'intake-file', id: fileId }, result.items, {});
    return result;
  }

  /** The review queue: anomalies of every file, oldest first, open ones by default. */
  async anomalyQueue(actor: Actor, filter: { status?: string; kind?: string } & PageRequest) {
    const status = filter.status ?? 'open';
    await this.policy.require(actor, Permission.IntakeReadRaw, { action: 'intake.anomaly.queue' });
    const result = await this.page<AnomalyItem>(
      { select: ANOMALY_COLUMNS, from: 'intake_anomaly WHERE status = $1 AND ($2::text IS NULL OR kind = $2)', orderBy: 'id', params: [status, filter.kind ?? null] },
      filter,
    );
    await this.auditAnomalyList(actor, undefined, result.items, { status, kind: filter.kind ?? null });
    return result;
  }

  /** Anomalies name persons: who listed which is recorded. */
  private auditAnomalyList(actor: Actor, target: { type: string; id: string } | undefined, items: AnomalyItem[], detail: Record<string, unknown>): Promise<void> {
    return this.audit.record({
      actor,
      action: target ? 'intake.anomaly.list' : 'intake.anomaly.queue',
      outcome: 'allowed',
      target,
      subjectIds: items.flatMap((a) => [a.personId, a.otherPersonId].filter((id): id is string => id !== null)),
      detail: { ...detail, returned: items.length },
    });
  }

  /** The people of the stored dossiers these NUMDEMRSA name (a rejected household may be one already known). */
  private async personsOf(numdemrsas: (string | null)[]): Promise<string[]> {
    const known = numdemrsas.filter((n): n is string => n !== null);
    if (known.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT DISTINCT m.person_id AS id FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id WHERE d.numdemrsa = ANY($1::varchar[])`,
      [known],
    );
    return rows.map((r) => r.id);
  }

  private async page<T>(query: ListQuery, page: PageRequest): Promise<Page<T>> {
    const n = query.params.length;
    const [items, total] = await Promise.all([
      this.pool.query(`SELECT ${query.select} FROM ${query.from} ORDER BY ${query.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`, [...query.params, page.limit, page.offset]),
      this.pool.query(`SELECT count(*)::int AS n FROM ${query.from}`, query.params),
    ]);
    return { items: items.rows, total: total.rows[0].n, limit: page.limit, offset: page.offset };
  }

  private async assertFileExists(id: string): Promise<void> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM intake_file WHERE id = $1', [id]);
    if (rowCount === 0) throw fileNotFound(id);
  }
}

function fileNotFound(id: string): IntakeError {
  return new IntakeError(IntakeErrorCode.FileNotFound, 'No intake file with this id', { id });
}

/** A NIR element, whatever its attributes, spacing or CDATA. */
const NIR_ELEMENT = /<NIR\b([^>]*)>([\s\S]*?)<\/NIR\s*>/g;

/**
 * A household's XML with every NIR masked as everywhere else (`18804••••••••`): each NIR element
 * (its whole content, whatever it holds), and anything else shaped like a NIR, in any element,
 * attribute, CDATA section or comment (a shifted or hand-edited export puts one anywhere). A
 * 13-digit value that only looks like a NIR is masked too: the reject's own columns keep its
 * NUMDEMRSA and MATRICULE.
 */
export function withMaskedNirs(xml: string): string {
  return maskNirShaped(xml.replace(NIR_ELEMENT, (_match, attributes: string, value: string) => `<NIR${attributes}>${maskRawNir(value.replace(/<!\[CDATA\[|\]\]>/g, ''))}</NIR>`));
}
