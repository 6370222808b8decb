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

export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

export function recordset(columns: BulkColumn[]): string {
  return `jsonb_to_recordset($1::jsonb) AS x(${columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`;
}

export function insertSql(
  table: string,
  columns: BulkColumn[],
  options: { onConflict?: string; update?: string[]; returning?: string } = {},
): string {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  let sql = `INSERT INTO ${table} (${names}) SELECT ${names} FROM ${recordset(columns)}`;
  if (options.onConflict) {
    sql += options.update?.length
      ? ` ON CONFLICT ${options.onConflict} DO UPDATE SET ${options.update.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`
      : ` ON CONFLICT ${options.onConflict} DO NOTHING`;
  }
  if (options.returning) sql += ` RETURNING ${options.returning}`;
  return sql;
}

export function updateSql(table: string, key: BulkColumn, columns: BulkColumn[]): string {
  const all = [key, ...columns];
  return `UPDATE ${table} AS t SET ${columns.map((c) => `"${c.name}" = x."${c.name}"`).join(', ')} FROM ${recordset(all)} WHERE t."${key.name}" = x."${key.name}"`;
}

export async function bulk(runner: SqlRunner, sql: string, rows: object[]): Promise<any[]> {
  if (rows.length === 0) return [];
  const result = await runner.query(sql, [JSON.stringify(rows)]);
  return Array.isArray(result) ? result : [];
}
