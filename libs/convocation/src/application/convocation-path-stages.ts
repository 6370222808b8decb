import type { PathStage, PathStageProbe } from '@rsa/beneficiary';

/**
 * The convocation's reading of how far paths went (PathProgress): `attended` once an appointment of
 * the path was honoured; `convened` while the person is invited, convened or was convened before (an
 * appointment in any state, the EP review after relances); nothing for a path still to plan.
 */
export const convocationPathStages: PathStageProbe = async (runner, pathIds) => {
  const rows = await runner.query<{ path_id: string; stage: PathStage }>(
    // Through the path's person: appointments are indexed by person.
    `SELECT p.id AS path_id, CASE WHEN t.state = 'honoured' OR ap.honoured THEN 'attended' ELSE 'convened' END AS stage
       FROM beneficiary_path p
       LEFT JOIN convocation_track t ON t.path_id = p.id
       CROSS JOIN LATERAL (SELECT count(*) AS given, coalesce(bool_or(a.status = 'honoured'), false) AS honoured
                             FROM convocation_appointment a WHERE a.person_id = p.person_id AND a.path_id = p.id) ap
      WHERE p.id = ANY($1::uuid[]) AND (t.state IN ('invited', 'convened', 'honoured', 'ep-review') OR ap.given > 0)`,
    [pathIds],
  );
  return new Map(rows.map((r) => [r.path_id, r.stage]));
};
