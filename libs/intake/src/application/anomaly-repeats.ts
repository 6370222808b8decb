import type { AnomalyDraft } from '@rsa/beneficiary';
import type { SqlRunner } from '@rsa/platform';

/**
 * Of the anomalies a batch raises, those not recorded yet. Each file that sends a household again
 * (changed: its amounts, an address) raises its anomalies again: the same invalid NIR, the same
 * person written twice, the same unknown code. An operator's queue that filled up with copies would
 * hide the new ones, and a copy of one already reviewed would ask for the same review again. So an
 * anomaly is recorded once: of the same kind, in the same household, about the same persons, with
 * the same detail (the person's position in the household aside), it is already there while open,
 * and once reviewed, unless the review found it `corrected-by-later-file`: it is back, so it was
 * not corrected, and is recorded again.
 * Looked up through the person index, and for anomalies about the household alone through
 * `ix_intake_anomaly_household`: one statement per batch that raised any.
 */
export async function anomaliesNotRecorded(runner: SqlRunner, anomalies: AnomalyDraft[]): Promise<AnomalyDraft[]> {
  if (anomalies.length === 0) return anomalies;
  const sameAs = `a.kind = x.kind AND a.numdemrsa = x.numdemrsa AND a.other_person_id IS NOT DISTINCT FROM x.other_person_id
                 AND a.detail - 'personIndex' = x.detail - 'personIndex' AND a.resolution IS DISTINCT FROM 'corrected-by-later-file'`;
  // Two look-ups, each on its index: by person, and by NUMDEMRSA for the anomalies about the household alone.
  const rows = await runner.query<{ ord: number }>(
    `SELECT x.ord FROM jsonb_to_recordset($1::jsonb) AS x(ord int, kind varchar, numdemrsa varchar, person_id uuid, other_person_id uuid, detail jsonb)
      WHERE NOT EXISTS (SELECT 1 FROM intake_anomaly a WHERE x.person_id IS NOT NULL AND a.person_id = x.person_id AND ${sameAs})
        AND NOT EXISTS (SELECT 1 FROM intake_anomaly a WHERE x.person_id IS NULL AND a.person_id IS NULL AND ${sameAs})`,
    [JSON.stringify(anomalies.map((a, ord) => ({ ord, kind: a.kind, numdemrsa: a.numdemrsa, person_id: a.personId, other_person_id: a.otherPersonId, detail: a.detail })))],
  );
  const fresh = new Set(rows.map((r) => r.ord));
  return anomalies.filter((_, ord) => fresh.has(ord));
}
