import type { Pool } from 'pg';
import { IntakeError, IntakeErrorCode } from '../domain/intake-errors';

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

/**
 * Read side of the intake: SQL straight into read models. Each list and its total share one WHERE
 * clause so they never disagree.
 */
export class IntakeQueries {
  constructor(private readonly pool: Pool) {}

  async listFiles(filter: { status?: string; limit: number; offset: number }): Promise<Page<FileListItem>> {
    const where = filter.status ? 'WHERE status = $1' : 'WHERE $1::text IS NULL';
    const params = [filter.status ?? null];
    const [items, total] = await Promise.all([
      this.pool.query(`SELECT ${FILE_COLUMNS} FROM intake_file ${where} ORDER BY received_at DESC, id LIMIT $2 OFFSET $3`, [...params, filter.limit, filter.offset]),
      this.pool.query(`SELECT count(*)::int AS n FROM intake_file ${where}`, params),
    ]);
    return { items: items.rows, total: total.rows[0].n, limit: filter.limit, offset: filter.offset };
  }

  async getFile(id: string): Promise<FileListItem & { sha256: string; header: object | null; errorMessage: string | null; report: object | null }> {
    const { rows } = await this.pool.query(
      `SELECT ${FILE_COLUMNS}, sha256, header, error_message AS "errorMessage", report FROM intake_file WHERE id = $1`,
      [id],
    );
    if (rows.length === 0) throw new IntakeError(IntakeErrorCode.FileNotFound, 'No intake file with this id', { id });
    return rows[0];
  }

  async listRejects(fileId: string, page: { limit: number; offset: number }) {
    await this.getFile(fileId);
    const [items, total] = await Promise.all([
      this.pool.query(
        `SELECT id::text, ordinal, numdemrsa, matricule, path, message FROM intake_reject WHERE file_id = $1 ORDER BY ordinal LIMIT $2 OFFSET $3`,
        [fileId, page.limit, page.offset],
      ),
      this.pool.query(`SELECT count(*)::int AS n FROM intake_reject WHERE file_id = $1`, [fileId]),
    ]);
    return { items: items.rows, total: total.rows[0].n, ...page };
  }

  /** One reject with its raw XML, to replay it or send it back to the CAF. */
  async getReject(fileId: string, rejectId: string) {
    const { rows } = await this.pool.query(
      `SELECT id::text, ordinal, numdemrsa, matricule, path, message, raw_xml AS "rawXml" FROM intake_reject WHERE file_id = $1 AND id = $2`,
      [fileId, rejectId],
    );
    if (rows.length === 0) throw new IntakeError(IntakeErrorCode.RejectNotFound, 'No such reject for this file', { fileId, rejectId });
    return rows[0];
  }

  async listAnomalies(fileId: string, page: { limit: number; offset: number }) {
    await this.getFile(fileId);
    const [items, total] = await Promise.all([
      this.pool.query(
        `SELECT id::text, kind, numdemrsa, person_id AS "personId", other_person_id AS "otherPersonId", detail, status
           FROM intake_anomaly WHERE file_id = $1 ORDER BY id LIMIT $2 OFFSET $3`,
        [fileId, page.limit, page.offset],
      ),
      this.pool.query(`SELECT count(*)::int AS n FROM intake_anomaly WHERE file_id = $1`, [fileId]),
    ]);
    return { items: items.rows, total: total.rows[0].n, ...page };
  }
}
