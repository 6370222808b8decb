import type { PersonDataSection } from '@rsa/beneficiary';

/** The orientation's part of a data-subject export: every diagnostic version, decision, period, referent, contract and exit. */
export const orientationPersonData: PersonDataSection = async (runner, personId) => {
  const q = (sql: string) => runner.query(sql, [personId]);
  const contracts = `SELECT id FROM contract WHERE person_id = $1`;
  return {
    diagnostics: await q(`SELECT * FROM orientation_diagnostic WHERE person_id = $1 ORDER BY created_at`),
    diagnosticVersions: await q(`SELECT * FROM orientation_diagnostic_version WHERE person_id = $1 ORDER BY diagnostic_id, version`),
    decisions: await q(`SELECT * FROM orientation_decision WHERE person_id = $1 ORDER BY decided_at`),
    periods: await q(`SELECT * FROM orientation_period WHERE person_id = $1 ORDER BY starts_on`),
    reorientationRequests: await q(`SELECT * FROM orientation_reorientation_request WHERE person_id = $1 ORDER BY requested_at`),
    referentAssignments: await q(`SELECT * FROM portfolio_assignment WHERE person_id = $1 ORDER BY assigned_at`),
    firstAppointments: await q(`SELECT * FROM portfolio_first_appointment WHERE person_id = $1 ORDER BY created_at`),
    portfolioReviews: await q(`SELECT * FROM portfolio_review_item WHERE person_id = $1`),
    transfers: await q(`SELECT * FROM portfolio_transfer_item WHERE person_id = $1`),
    contracts: await q(`SELECT * FROM contract WHERE person_id = $1 ORDER BY created_at`),
    contractPeriods: await q(`SELECT * FROM contract_period WHERE contract_id IN (${contracts}) ORDER BY contract_id, seq`),
    contractActions: await q(`SELECT * FROM contract_action WHERE contract_id IN (${contracts}) ORDER BY contract_id, created_at`),
    contractAdjustments: await q(`SELECT * FROM contract_intensity_adjustment WHERE contract_id IN (${contracts}) ORDER BY contract_id, created_at`),
    contractBilans: await q(`SELECT * FROM contract_bilan WHERE contract_id IN (${contracts}) ORDER BY contract_id, period_seq`),
    contractEvents: await q(`SELECT * FROM contract_event WHERE contract_id IN (${contracts}) ORDER BY contract_id, version`),
    exits: await q(`SELECT * FROM path_exit WHERE person_id = $1 ORDER BY exit_on`),
    exitFollowUps: await q(`SELECT * FROM path_exit_milestone WHERE exit_id IN (SELECT id FROM path_exit WHERE person_id = $1) ORDER BY exit_id, due_on`),
    notices: await q(`SELECT id, kind, recipient_id, subject_id, due_on, created_at FROM orientation_notice WHERE person_id = $1 ORDER BY created_at`),
  };
};
