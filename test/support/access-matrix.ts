import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ALL_ROLES, Permission, Role, systemActor } from '@rsa/kernel';
import { BeneficiaryChanges } from '@rsa/beneficiary';
import { Organisation } from '@rsa/access';
import { DEMO_SUBJECTS, generateCafFile } from '@rsa/testing';
import type { AccessFixture } from './access-fixture';

/** One request of a case: what to send. */
export interface MatrixRequest {
  path: string;
  body?: object;
  /** A file to upload as multipart field `file`. */
  upload?: string;
}

export interface RouteCase {
  /** The roles this route serves; every other role must get 403. */
  allowed: readonly Role[];
  /** Returns or changes a beneficiary's personal data. */
  personal: boolean;
  /** The status an allowed role gets. */
  status: number;
  /** A valid request for this role (it may prepare what a change needs: a fresh habilitation…). */
  request: (f: AccessFixture, role: Role) => MatrixRequest | Promise<MatrixRequest>;
}

/**
 * "Who may see this": every route of the API, classified. The matrix test lists the routes the
 * running API serves and fails on any route missing here (or listed here and gone), then calls each
 * route as each role and checks allowed roles get through and the others get 403.
 */
export const PUBLIC_ROUTES = [
  'GET /health/live',
  'GET /health/ready',
  // The OpenAPI page and documents: no data, only the description of the API.
  'GET /docs',
  'GET /docs/',
  'GET /docs-json',
  'GET /docs-yaml',
  'GET /docs/swagger-ui-init.js',
  'GET /docs/docs/swagger-ui-init.js',
] as const;

const R = Role;
const BENEFICIARY_READERS = [R.Referent, R.Coordinator, R.FtCounsellor, R.PartnerOperator];
const BENEFICIARY_EDITORS = [R.Referent, R.Coordinator, R.FtCounsellor];
const ORGANISATION_READERS = [R.Coordinator, R.ProjectTeam, R.Administrator, R.Auditor];
const seeder = systemActor('test:matrix', 'cli', [Permission.OrganisationManage, Permission.OrganisationRead, Permission.AccessGrant]);

const tag = (role: Role) => `${role.replace(/_/g, '-')}-${randomUUID().slice(0, 8)}`;

async function freshHabilitation(f: AccessFixture, role: Role): Promise<string> {
  const organisation = f.app.get(Organisation);
  const professional = await organisation.createProfessional(seeder, { subject: `matrix.${tag(role)}`, displayName: 'Matrix' });
  const habilitation = await organisation.addHabilitation(seeder, professional.id, { role: R.Referent, structureId: f.seed.structureIds['MNE-LILLE'], validFrom: '2026-01-01' });
  return habilitation.id;
}

export const ROUTE_MATRIX: Record<string, RouteCase> = {
  'GET /me': { allowed: ALL_ROLES, personal: false, status: 200, request: () => ({ path: '/me' }) },

  'GET /organisation/territories': { allowed: ORGANISATION_READERS, personal: false, status: 200, request: () => ({ path: '/organisation/territories' }) },
  'GET /organisation/territories/:id': { allowed: ORGANISATION_READERS, personal: false, status: 200, request: () => ({ path: '/organisation/territories/lille' }) },
  'PUT /organisation/territories/:id': {
    allowed: [R.Administrator],
    personal: false,
    status: 200,
    request: (_f, role) => ({ path: `/organisation/territories/${tag(role)}`, body: { name: 'Matrix territory', communes: [] } }),
  },
  'GET /organisation/structures': { allowed: ORGANISATION_READERS, personal: false, status: 200, request: () => ({ path: '/organisation/structures' }) },
  'POST /organisation/structures': {
    allowed: [R.Administrator],
    personal: false,
    status: 201,
    request: (_f, role) => ({ path: '/organisation/structures', body: { kind: 'partner-operator', name: `Matrix ${tag(role)}` } }),
  },
  'PATCH /organisation/structures/:id': {
    allowed: [R.Administrator],
    personal: false,
    status: 200,
    request: (f) => ({ path: `/organisation/structures/${f.seed.structureIds['IOD-METROPOLE']}`, body: { name: 'Opérateur IOD Métropole (AAP)' } }),
  },
  'GET /organisation/professionals': { allowed: ORGANISATION_READERS, personal: false, status: 200, request: () => ({ path: '/organisation/professionals' }) },
  'GET /organisation/professionals/:id': {
    allowed: ORGANISATION_READERS,
    personal: false,
    status: 200,
    request: (f) => ({ path: `/organisation/professionals/${f.seed.professionalIds[DEMO_SUBJECTS.referentLille]}` }),
  },
  'POST /organisation/professionals': {
    allowed: [R.Administrator],
    personal: false,
    status: 201,
    request: (_f, role) => ({ path: '/organisation/professionals', body: { subject: `matrix.${tag(role)}`, displayName: 'Matrix' } }),
  },
  'POST /organisation/professionals/:id/habilitations': {
    allowed: [R.Administrator],
    personal: false,
    status: 201,
    request: async (f, role) => {
      const professional = await f.app.get(Organisation).createProfessional(seeder, { subject: `matrix.${tag(role)}`, displayName: 'Matrix' });
      return { path: `/organisation/professionals/${professional.id}/habilitations`, body: { role: 'referent', structureId: f.seed.structureIds['MNE-LILLE'], validFrom: '2026-01-01' } };
    },
  },
  'PATCH /organisation/habilitations/:id': {
    allowed: [R.Administrator],
    personal: false,
    status: 200,
    request: async (f, role) => ({ path: `/organisation/habilitations/${await freshHabilitation(f, role)}`, body: { validTo: '2027-12-31' } }),
  },
  'POST /organisation/habilitations/:id/revoke': {
    allowed: [R.Administrator],
    personal: false,
    status: 201,
    request: async (f, role) => ({ path: `/organisation/habilitations/${await freshHabilitation(f, role)}/revoke`, body: { reasonCode: 'left-post' } }),
  },

  'GET /audit/events': { allowed: [R.Auditor], personal: true, status: 200, request: (f) => ({ path: `/audit/events?subjectId=${f.shared}` }) },
  'GET /audit/events/:seq': { allowed: [R.Auditor], personal: true, status: 200, request: () => ({ path: '/audit/events/1' }) },
  'GET /audit/verify': { allowed: [R.Auditor], personal: false, status: 200, request: () => ({ path: '/audit/verify' }) },

  'POST /intake/files': {
    allowed: [R.IntakeOperator],
    personal: true,
    status: 202,
    request: async (f, role) => ({
      path: '/intake/files',
      upload: (await generateCafFile({ households: 3, kind: 'daily', seed: `matrix-${role}`, out: join(f.dir, `matrix-${role}.xml`), date: '2026-11-21' })).path,
    }),
  },
  'GET /intake/files': { allowed: [R.IntakeOperator, R.Administrator], personal: false, status: 200, request: () => ({ path: '/intake/files' }) },
  'GET /intake/files/:id': { allowed: [R.IntakeOperator, R.Administrator], personal: false, status: 200, request: (f) => ({ path: `/intake/files/${f.fileId}` }) },
  'GET /intake/files/:id/rejects': { allowed: [R.IntakeOperator], personal: true, status: 200, request: (f) => ({ path: `/intake/files/${f.fileId}/rejects` }) },
  'GET /intake/files/:id/rejects/:rejectId': {
    allowed: [R.IntakeOperator],
    personal: true,
    status: 200,
    request: (f) => ({ path: `/intake/files/${f.fileId}/rejects/${f.rejectId}` }),
  },
  'GET /intake/files/:id/anomalies': { allowed: [R.IntakeOperator], personal: true, status: 200, request: (f) => ({ path: `/intake/files/${f.fileId}/anomalies` }) },

  'POST /beneficiaries/search': { allowed: [...BENEFICIARY_READERS, R.CallCentre], personal: true, status: 200, request: () => ({ path: '/beneficiaries/search', body: {} }) },
  'GET /beneficiaries/:id': { allowed: BENEFICIARY_READERS, personal: true, status: 200, request: (f) => ({ path: `/beneficiaries/${f.shared}` }) },
  'GET /beneficiaries/:id/nir': {
    allowed: [R.Referent, R.Coordinator, R.FtCounsellor],
    personal: true,
    status: 200,
    request: (f) => ({ path: `/beneficiaries/${f.shared}/nir?reason=identity-check` }),
  },
  // No role exports by itself: the export permission is granted on a habilitation (see access-control.e2e-spec).
  'GET /beneficiaries/:id/export': { allowed: [], personal: true, status: 200, request: (f) => ({ path: `/beneficiaries/${f.shared}/export?reason=data-subject-request` }) },
  'PATCH /beneficiaries/:id/contact': {
    allowed: BENEFICIARY_EDITORS,
    personal: true,
    status: 200,
    request: (f, role) => ({ path: `/beneficiaries/${f.shared}/contact`, body: { email: `${role.replace(/_/g, '.')}@example.org` } }),
  },
  'POST /beneficiaries/:id/rectifications': {
    allowed: BENEFICIARY_EDITORS,
    personal: true,
    status: 201,
    request: (f) => ({ path: `/beneficiaries/${f.shared}/rectifications`, body: { field: 'prenom', requestedValue: 'Camille', reasonCode: 'data-subject-request' } }),
  },
  'POST /beneficiaries/:id/grants': {
    allowed: [R.Coordinator],
    personal: true,
    status: 201,
    request: (f) => ({ path: `/beneficiaries/${f.unshared}/grants`, body: { professionalId: f.seed.professionalIds[DEMO_SUBJECTS.referentLille], basis: 'case-member', reasonCode: 'co-diagnostic' } }),
  },
  'POST /beneficiaries/:id/grants/:grantId/revoke': {
    allowed: [R.Coordinator],
    personal: true,
    status: 200,
    request: async (f) => {
      const grant = await f.app
        .get(BeneficiaryChanges)
        .share(seeder, f.unshared, { professionalId: f.seed.professionalIds[DEMO_SUBJECTS.referentLille], basis: 'case-member', reasonCode: 'co-diagnostic' });
      return { path: `/beneficiaries/${f.unshared}/grants/${grant.id}/revoke`, body: { reasonCode: 'end-of-accompaniment' } };
    },
  },

  'GET /reporting/territories/:territoryId/summary': {
    allowed: [R.Coordinator, R.ProjectTeam],
    personal: false,
    status: 200,
    request: () => ({ path: '/reporting/territories/roubaix-tourcoing/summary' }),
  },
  'GET /reporting/territories/:territoryId/beneficiaries': {
    allowed: [R.ProjectTeam],
    personal: true,
    status: 200,
    request: () => ({ path: '/reporting/territories/roubaix-tourcoing/beneficiaries' }),
  },

  'GET /retention/policies': { allowed: [R.Administrator], personal: false, status: 200, request: () => ({ path: '/retention/policies' }) },
  'PUT /retention/policies/:category': { allowed: [R.Administrator], personal: false, status: 200, request: () => ({ path: '/retention/policies/audit-sensitive', body: { months: 36 } }) },
  'GET /retention/runs': { allowed: [R.Administrator], personal: false, status: 200, request: () => ({ path: '/retention/runs' }) },
  'POST /retention/runs': { allowed: [R.Administrator], personal: false, status: 201, request: () => ({ path: '/retention/runs' }) },
};
