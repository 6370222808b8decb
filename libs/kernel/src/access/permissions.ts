/**
 * What an actor may do. A role grants a fixed set (ROLE_PERMISSIONS); some permissions are never
 * implied by a role and must be granted on the habilitation itself (GRANTABLE_PERMISSIONS): exports
 * of personal data need their own, named decision (DOMAIN.md §11, issue "Access control").
 */
export enum Permission {
  /** Search and list beneficiaries with their identity, within the actor's scope. */
  BeneficiaryList = 'beneficiary:list',
  /** Lists without identity fields: pseudonym, age band, commune, path dates (project teams). */
  BeneficiaryListPseudonymised = 'beneficiary:list-pseudonymised',
  /** Read one beneficiary's file (NIR masked), within the actor's scope. */
  BeneficiaryRead = 'beneficiary:read',
  /** See the NIR in clear, with a reason. */
  BeneficiaryReadNir = 'beneficiary:read-nir',
  /** Correct contact details and record rectification requests of CAF data. */
  BeneficiaryRectify = 'beneficiary:rectify',
  /** Export everything held on one person (data-subject access request). Grantable only. */
  BeneficiaryExport = 'beneficiary:export',
  /** Share a beneficiary's file with a professional or a structure (within the territory). */
  AccessGrant = 'access:grant',
  /** Aggregates of the actor's territory (or all territories). */
  ReportingRead = 'reporting:read',
  IntakeUpload = 'intake:upload',
  /** File list and import reports (counts, no personal data). */
  IntakeRead = 'intake:read',
  /** Rejected households (with their raw XML) and anomalies: personal data. */
  IntakeReadRaw = 'intake:read-raw',
  /** Mark an intake anomaly reviewed, with what was found (a code). */
  IntakeReview = 'intake:review',
  /** Run an import (CLI, worker). */
  IntakeImport = 'intake:import',
  OrganisationRead = 'organisation:read',
  OrganisationManage = 'organisation:manage',
  AuditRead = 'audit:read',
  /** Places, closures, agendas and slots of a territory. */
  AgendaManage = 'agenda:manage',
  /** A beneficiary's appointments and convocations (scope as for their file). */
  AppointmentRead = 'appointment:read',
  /** Book, move, cancel an appointment; record attendance. */
  AppointmentManage = 'appointment:manage',
  /** Territory policies, alerts, stock reprise campaigns. */
  ConvocationManage = 'convocation:manage',
  /** Plan convocations and send messages (the worker). */
  ConvocationRun = 'convocation:run',
  /** A person's 360° diagnostics and their versions (scope as for their file). */
  DiagnosticRead = 'diagnostic:read',
  /** Write a diagnostic or a new version of it. */
  DiagnosticWrite = 'diagnostic:write',
  /** A person's orientation proposal, decisions, periods and réorientation requests. */
  OrientationRead = 'orientation:read',
  /** Decide an orientation (accept or override the proposal); ask for a réorientation. */
  OrientationDecide = 'orientation:decide',
  /** Decide réorientation requests (the coordinator, after the EP when needed). */
  ReorientationDecide = 'reorientation:decide',
  /** A territory's rule sets, target mix and dominante codes. */
  OrientationRules = 'orientation:rules',
  /** Run a rule set over a territory's diagnosed population (aggregates only). */
  OrientationSimulate = 'orientation:simulate',
  /** Portfolios and their load: one's own (referent), a territory's (coordinator, project team). */
  PortfolioRead = 'portfolio:read',
  /** Assign, transfer, review portfolios; referents' capacity. */
  PortfolioManage = 'portfolio:manage',
  /** A person's contrats d'engagement (CER, PPAE), actions, intensity, exit. */
  ContractRead = 'contract:read',
  ContractWrite = 'contract:write',
  RetentionManage = 'retention:manage',
  RetentionRun = 'retention:run',
  NirRotate = 'nir:rotate',
}

export const ALL_PERMISSIONS: readonly Permission[] = Object.values(Permission);

/** Permissions an administrator may add to one habilitation; no role implies them. */
export const GRANTABLE_PERMISSIONS: readonly Permission[] = [Permission.BeneficiaryExport];

export function isPermission(value: string): value is Permission {
  return (ALL_PERMISSIONS as readonly string[]).includes(value);
}
