import { Permission } from './permissions';

/**
 * The roles of a habilitation (issue "Access control": "roles at least"), plus the Département's
 * intake operator who runs the CAF exchanges (uploads, rejects, anomalies).
 */
export enum Role {
  /** Their portfolio and the files they are a member of. */
  Referent = 'referent',
  /** Maison Nord Emploi coordinator: their territory. */
  Coordinator = 'coordinator',
  /** Territorial project team: aggregates and pseudonymised lists of their territory. */
  ProjectTeam = 'project_team',
  /** France Travail counsellor (partner API): beneficiaries oriented to or shared with their agency. */
  FtCounsellor = 'ft_counsellor',
  /** Operator of a partner structure: the people assigned to them or their structure, NIR hidden. */
  PartnerOperator = 'partner_operator',
  /** Organisation and settings, no beneficiary content. */
  Administrator = 'administrator',
  /** The audit trail. */
  Auditor = 'auditor',
  /** CAF file exchanges: uploads, import reports, rejects and anomalies. */
  IntakeOperator = 'intake_operator',
  /** The Département's call centre: finds a person, answers about and moves their appointment. */
  CallCentre = 'call_centre',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/**
 * The professionals who accompany people: those an agenda's appointments are held by and a
 * diagnostic names as its authors (a partner operator as the other half of a binôme). Never an
 * auditor, the call centre, an administrator, a project team or the intake operator.
 */
export const ACCOMPANYING_ROLES: readonly Role[] = [Role.Referent, Role.Coordinator, Role.FtCounsellor, Role.PartnerOperator];

export function isRole(value: string): value is Role {
  return (ALL_ROLES as readonly string[]).includes(value);
}

/**
 * Which beneficiaries an actor's permissions apply to:
 * - `assigned`: people with an active access grant to the professional (their portfolio, the files
 *   they are a member of); `assigned-or-structure` also counts grants to their structure;
 * - `territory`: people whose current dossier's commune belongs to the actor's territories;
 * - `all`: every beneficiary (system actors, Département-wide coordinators, the call centre);
 * - `none`: no beneficiary at all.
 */
export type BeneficiaryScope = 'assigned' | 'assigned-or-structure' | 'territory' | 'all' | 'none';

export interface RoleDefinition {
  permissions: readonly Permission[];
  scope: BeneficiaryScope;
}

const P = Permission;

/** The "who may do what" table: one place, read by every handler through the access policy. */
export const ROLE_DEFINITIONS: Readonly<Record<Role, RoleDefinition>> = {
  [Role.Referent]: {
    permissions: [
      P.BeneficiaryList, P.BeneficiaryRead, P.BeneficiaryReadNir, P.BeneficiaryRectify, P.AppointmentRead, P.AppointmentManage,
      P.DiagnosticRead, P.DiagnosticWrite, P.OrientationRead, P.OrientationDecide, P.PortfolioRead, P.ContractRead, P.ContractWrite,
    ],
    scope: 'assigned',
  },
  [Role.Coordinator]: {
    permissions: [
      P.BeneficiaryList, P.BeneficiaryRead, P.BeneficiaryReadNir, P.BeneficiaryRectify, P.AccessGrant, P.ReportingRead, P.OrganisationRead,
      P.AgendaManage, P.AppointmentRead, P.AppointmentManage, P.ConvocationManage,
      P.DiagnosticRead, P.DiagnosticWrite, P.OrientationRead, P.OrientationDecide, P.ReorientationDecide, P.OrientationSimulate,
      P.PortfolioRead, P.PortfolioManage, P.ContractRead, P.ContractWrite,
    ],
    scope: 'territory',
  },
  [Role.ProjectTeam]: {
    permissions: [P.BeneficiaryListPseudonymised, P.ReportingRead, P.OrganisationRead, P.OrientationSimulate, P.PortfolioRead],
    scope: 'territory',
  },
  [Role.FtCounsellor]: {
    // France Travail finds its users by NIR + birth date (Recherche usager, DOMAIN.md §10).
    permissions: [
      P.BeneficiaryList, P.BeneficiaryRead, P.BeneficiaryReadNir, P.BeneficiaryRectify, P.AppointmentRead, P.AppointmentManage,
      // A France Travail counsellor can be the referent of people oriented to their agency: their portfolio too.
      P.DiagnosticRead, P.DiagnosticWrite, P.OrientationRead, P.OrientationDecide, P.PortfolioRead, P.ContractRead, P.ContractWrite,
    ],
    scope: 'assigned-or-structure',
  },
  [Role.PartnerOperator]: {
    // A partner may hold the referent's role for the people oriented to it (IOD, IAE…): their diagnostic, orientation and contract,
    // and their appointments: those of its people, and the day's sheet of a place it runs (accompaniment appointments).
    permissions: [
      P.BeneficiaryList, P.BeneficiaryRead, P.AppointmentRead, P.AppointmentManage, P.DiagnosticRead, P.OrientationRead, P.PortfolioRead, P.ContractRead,
      P.ContractWrite,
    ],
    scope: 'assigned-or-structure',
  },
  [Role.Administrator]: {
    permissions: [P.OrganisationRead, P.OrganisationManage, P.RetentionManage, P.IntakeRead, P.OrientationRules, P.OrientationSimulate],
    scope: 'none',
  },
  [Role.Auditor]: {
    permissions: [P.AuditRead, P.OrganisationRead],
    scope: 'none',
  },
  [Role.IntakeOperator]: {
    permissions: [P.IntakeUpload, P.IntakeRead, P.IntakeReadRaw, P.IntakeReview],
    scope: 'none',
  },
  [Role.CallCentre]: {
    // Whoever calls: the whole Département; enough to find the person and their appointment, not their file.
    permissions: [P.BeneficiaryList, P.AppointmentRead, P.AppointmentManage],
    scope: 'all',
  },
};
