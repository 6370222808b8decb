/**
 * Batched writes: one statement per table and batch, rows passed as a single JSON parameter and
 * expanded server-side with jsonb_to_recordset. One round trip for a thousand rows, no dynamic
 * placeholder lists, and the column types are stated once.
 */
export interface BulkColumn {
  name: string;
  /** PostgreSQL type of the column as read from the JSON row (e.g. `uuid`, `date`, `jsonb`). */
  type: string;
}

/** A connection (usually inside the caller's transaction) that returns rows. */
export interface SqlRunner {
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

/** A `pg` client or pool as a SqlRunner. */
export function sqlRunnerOf(client: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> }): SqlRunner {
  return { query: <Row>(text: string, parameters?: unknown[]) => client.query(text, parameters).then((r) => r.rows as Row[]) };
}

export function recordset(columns: BulkColumn[]): string {
  return `jsonb_to_recordset($1::jsonb) AS x(${columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`;
}

export function insertSql(
  table: string,
  columns: BulkColumn[],
  options: { onConflict?: string; update?: string[]; assign?: Record<string, string>; returning?: string } = {},
): string {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  let sql = `INSERT INTO ${table} (${names}) SELECT ${names} FROM ${recordset(columns)}`;
  if (options.onConflict) {
    const sets = [
      ...(options.update ?? []).map((c) => `"${c}" = EXCLUDED."${c}"`),
      ...Object.entries(options.assign ?? {}).map(([c, expression]) => `"${c}" = ${expression}`),
    ];
    sql += sets.length ? ` ON CONFLICT ${options.onConflict} DO UPDATE SET ${sets.join(', ')}` : ` ON CONFLICT ${options.onConflict} DO NOTHING`;
  }
  if (options.returning) sql += ` RETURNING ${options.returning}`;
  return sql;
}

/**
 * `assign` overrides the default `"col" = x."col"` for some columns (e.g. keep the stored value when
 * the new one is null) and may add columns that are not in the rows (e.g. `updated_at`: `now()`).
 * `where` adds a condition on the stored row (`t`) and the new one (`x`): rows that fail it are left alone.
 */
export function updateSql(table: string, key: BulkColumn, columns: BulkColumn[], assign: Record<string, string> = {}, where?: string): string {
  const all = [key, ...columns];
  const sets = new Map(columns.map((c) => [c.name, `x."${c.name}"`]));
  for (const [column, expression] of Object.entries(assign)) sets.set(column, expression);
  const setList = [...sets].map(([column, expression]) => `"${column}" = ${expression}`).join(', ');
  return `UPDATE ${table} AS t SET ${setList} FROM ${recordset(all)} WHERE t."${key.name}" = x."${key.name}"${where ? ` AND (${where})` : ''}`;
}

/** Bytes as a bytea column of the JSON rows (jsonb_to_recordset) reads them, hex after `\x`: sealed NIRs, sealed raw XML. */
export function byteaValue(bytes: Buffer): string {
  return `\\x${bytes.toString('hex')}`;
}

export async function bulk<Row = Record<string, unknown>>(runner: SqlRunner, sql: string, rows: object[]): Promise<Row[]> {
  if (rows.length === 0) return [];
  return runner.query<Row>(sql, [JSON.stringify(rows)]);
}
