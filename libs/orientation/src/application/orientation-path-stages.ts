import type { PathStage, PathStageProbe } from '@rsa/beneficiary';

/** The orientation's reading of how far paths went (PathProgress): `oriented` once a decision is on the path, `diagnosed` once a diagnostic is. */
export const orientationPathStages: PathStageProbe = async (runner, pathIds) => {
  const rows = await runner.query<{ path_id: string; stage: PathStage }>(
    // Through the path's person: decisions and diagnostics are indexed by person.
    `SELECT p.id AS path_id, CASE WHEN x.decided THEN 'oriented' ELSE 'diagnosed' END AS stage
       FROM beneficiary_path p
       CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM orientation_decision d WHERE d.person_id = p.person_id AND d.path_id = p.id) AS decided,
                                  EXISTS (SELECT 1 FROM orientation_diagnostic g WHERE g.person_id = p.person_id AND g.path_id = p.id) AS diagnosed) x
      WHERE p.id = ANY($1::uuid[]) AND (x.decided OR x.diagnosed)`,
    [pathIds],
  );
  return new Map(rows.map((r) => [r.path_id, r.stage]));
};
