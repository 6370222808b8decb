import type { SqlRunner } from '@rsa/platform';
import { OPEN_RIGHT_SQL } from '../domain/entry-rule';

/**
 * An operator reviewing an identity anomaly found that two person records are one human (the CAF is
 * asked to correct its data; the records stay two, never merged here). That human must be followed
 * on one path, not convened twice: the open paths of the record the anomaly created are closed
 * (`same-person`) when the record it conflicts with has a live path (open, on a dossier whose right
 * is open). Without one, the duplicate's path is the one that follows the human, and stays.
 * Returns the ids of the paths closed; the convocation planner ends what was under way on them.
 */
export async function closePathsOfDuplicate(runner: SqlRunner, duplicatePersonId: string, keptPersonId: string): Promise<string[]> {
  const rows = await runner.query<{ id: string }>(
    `UPDATE beneficiary_path p SET status = 'closed', closed_at = now(), close_reason = 'same-person'
      WHERE p.person_id = $1 AND p.status = 'open'
        AND EXISTS (SELECT 1 FROM beneficiary_path k JOIN beneficiary_dossier d ON d.id = k.dossier_id
                     WHERE k.person_id = $2 AND k.status = 'open' AND d.etatdosrsa IN ${OPEN_RIGHT_SQL})
     RETURNING p.id`,
    [duplicatePersonId, keptPersonId],
  );
  return rows.map((r) => r.id);
}
