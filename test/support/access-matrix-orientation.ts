import { randomUUID } from 'node:crypto';
import { parisDateOf, Permission, Role, systemActor } from '@rsa/kernel';
import { BeneficiaryChanges } from '@rsa/beneficiary';
import { aDiagnosticContent, DEFAULT_RULE_SET, Diagnostics, OrientationDecisions, Reorientations, RuleSets } from '@rsa/orientation';
import type { AccessFixture } from './access-fixture';
import type { RouteCase } from './access-matrix';
import { SUBJECT_OF_ROLE, untakenPerson } from './access-fixture';

const R = Role;
const READERS = [R.Referent, R.Coordinator, R.FtCounsellor, R.PartnerOperator];
const DECIDERS = [R.Referent, R.Coordinator, R.FtCounsellor];
const SETTINGS_READERS = [R.Coordinator, R.ProjectTeam, R.Administrator];
/** What the matrix prepares as the system: files shared, diagnostics written, people oriented, drafts saved. */
const seeder = systemActor('test:matrix-orientation', 'cli', [
  Permission.AccessGrant, Permission.DiagnosticWrite, Permission.OrientationDecide, Permission.OrientationRules, Permission.OrientationSimulate,
]);
const pro = (f: AccessFixture, role: Role) => f.seed.professionalIds[SUBJECT_OF_ROLE[role]];
const authors = (f: AccessFixture) => [pro(f, R.Referent), pro(f, R.FtCounsellor)];
const today = () => parisDateOf(new Date());

/** The shared person's diagnostic (written once), for the routes that read or update one. */
async function sharedDiagnostic(f: AccessFixture): Promise<{ id: string; latestVersion: number }> {
  const find = () => f.sql<{ id: string; latestVersion: number }>(`SELECT id, latest_version AS "latestVersion" FROM orientation_diagnostic WHERE person_id = $1 ORDER BY created_at LIMIT 1`, [f.shared]);
  const [found] = await find();
  if (found) return found;
  await f.app.get(Diagnostics).create(seeder, f.shared, { modality: 'co-diagnostic', authors: authors(f), content: aDiagnosticContent() });
  return (await find())[0];
}

/**
 * A Roubaix-Tourcoing person nobody used yet, within the role's scope (shared with its professional
 * unless the role sees the territory), with a diagnostic; oriented first when `oriented`.
 */
async function freshPerson(f: AccessFixture, role: Role, oriented: boolean): Promise<string> {
  const personId = await untakenPerson(f, 'the orientation routes', { undiagnosed: true });
  if (role !== R.Coordinator) await f.app.get(BeneficiaryChanges).share(seeder, personId, { professionalId: pro(f, role), basis: 'case-member', reasonCode: 'co-diagnostic' });
  const diagnostic = await f.app.get(Diagnostics).create(seeder, personId, { modality: 'co-diagnostic', authors: authors(f), content: aDiagnosticContent() });
  if (oriented) {
    await f.app.get(OrientationDecisions).decide(seeder, personId, {
      dominante: 'emploi', structureKind: 'france-travail-agency', diagnosticId: diagnostic.diagnosticId, diagnosticVersion: 1,
      deciders: [pro(f, R.Referent)], agreement: 'not-expressed', overrideReason: 'professional-assessment',
    });
  }
  return personId;
}

/** The person each role oriented through the decision route: the réorientation routes reuse them, so the fixture's people last for every part. */
const orientedBy = new Map<Role, string>();

/** The role's person oriented by the decision route if it ran (oriented, nothing pending), else a fresh one oriented now. */
async function orientedPerson(f: AccessFixture, role: Role, allowPending = false): Promise<string> {
  const known = orientedBy.get(role);
  if (known) {
    const [state] = await f.sql<{ open: boolean; pending: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM orientation_period WHERE person_id = $1 AND ends_on IS NULL) AS open,
              EXISTS (SELECT 1 FROM orientation_reorientation_request WHERE person_id = $1 AND status = 'pending') AS pending`,
      [known],
    );
    if (state.open && (allowPending || !state.pending)) return known;
  }
  const personId = await freshPerson(f, role, true);
  orientedBy.set(role, personId);
  return personId;
}

/** A draft rule set of Roubaix-Tourcoing (the référentiel's rules under another label). */
async function draft(f: AccessFixture): Promise<string> {
  const set = await f.app.get(RuleSets).create(seeder, 'roubaix-tourcoing', { label: `Matrice ${randomUUID().slice(0, 8)}`, rules: DEFAULT_RULE_SET.rules });
  return set.id as string;
}

/** Roles that may not call a route get 403 before anything is read: they need no prepared person. */
const onlyFor = (allowed: readonly Role[], role: Role) => allowed.includes(role);

/** The diagnostic and orientation routes of the access matrix (spread into ROUTE_MATRIX). Only a type import from access-matrix.ts: no cycle at run time. */
export const ORIENTATION_ROUTES: Record<string, RouteCase> = {
  'GET /beneficiaries/:personId/diagnostics': { allowed: READERS, personal: true, status: 200, request: (f) => ({ path: `/beneficiaries/${f.shared}/diagnostics` }) },
  'POST /beneficiaries/:personId/diagnostics': {
    allowed: DECIDERS,
    personal: true,
    status: 201,
    request: (f, role) => {
      // The binôme: the France Travail counsellor and a Département professional, the writer one of them.
      const partner = role === R.FtCounsellor ? pro(f, R.Referent) : pro(f, R.FtCounsellor);
      const writer = role === R.FtCounsellor || role === R.Coordinator ? pro(f, role) : pro(f, R.Referent);
      return { path: `/beneficiaries/${f.shared}/diagnostics`, body: { modality: 'co-diagnostic', authors: [writer, partner], content: aDiagnosticContent() } };
    },
  },
  'POST /diagnostics/:id/versions': {
    allowed: DECIDERS,
    personal: true,
    status: 201,
    request: async (f, role) => {
      const d = await sharedDiagnostic(f);
      const partner = role === R.FtCounsellor ? pro(f, R.Referent) : pro(f, R.FtCounsellor);
      const writer = role === R.FtCounsellor || role === R.Coordinator ? pro(f, role) : pro(f, R.Referent);
      return { path: `/diagnostics/${d.id}/versions`, body: { expectedVersion: d.latestVersion, authors: [writer, partner], content: aDiagnosticContent({ criteria: { availability: 'near' } }) } };
    },
  },
  'GET /diagnostics/:id': { allowed: READERS, personal: true, status: 200, request: async (f) => ({ path: `/diagnostics/${(await sharedDiagnostic(f)).id}` }) },
  'GET /diagnostics/:id/compare': { allowed: READERS, personal: true, status: 200, request: async (f) => ({ path: `/diagnostics/${(await sharedDiagnostic(f)).id}/compare?from=1&to=1` }) },
  'GET /diagnostics/:id/versions/:version': { allowed: READERS, personal: true, status: 200, request: async (f) => ({ path: `/diagnostics/${(await sharedDiagnostic(f)).id}/versions/1` }) },

  'GET /orientation/territories/:territoryId/rule-sets': { allowed: SETTINGS_READERS, personal: false, status: 200, request: () => ({ path: '/orientation/territories/roubaix-tourcoing/rule-sets' }) },
  'POST /orientation/territories/:territoryId/rule-sets': {
    allowed: [R.Administrator],
    personal: false,
    status: 201,
    request: (_f, role) => ({ path: '/orientation/territories/roubaix-tourcoing/rule-sets', body: { label: `Matrice ${role}`, rules: DEFAULT_RULE_SET.rules } }),
  },
  'GET /orientation/rule-sets/:id': { allowed: SETTINGS_READERS, personal: false, status: 200, request: async (f) => ({ path: `/orientation/rule-sets/${await draft(f)}` }) },
  'POST /orientation/rule-sets/:id/activate': { allowed: [R.Administrator], personal: false, status: 200, request: async (f) => ({ path: `/orientation/rule-sets/${await draft(f)}/activate` }) },
  'GET /orientation/territories/:territoryId/target-mix': { allowed: SETTINGS_READERS, personal: false, status: 200, request: () => ({ path: '/orientation/territories/roubaix-tourcoing/target-mix' }) },
  'PUT /orientation/territories/:territoryId/target-mix': {
    allowed: [R.Administrator],
    personal: false,
    status: 200,
    request: () => ({ path: '/orientation/territories/roubaix-tourcoing/target-mix', body: { emploi: 50, equilibre: 30, remobilisation: 20 } }),
  },
  'POST /orientation/territories/:territoryId/simulations': { allowed: SETTINGS_READERS, personal: false, status: 200, request: () => ({ path: '/orientation/territories/roubaix-tourcoing/simulations', body: {} }) },

  'GET /beneficiaries/:personId/orientation/proposal': {
    allowed: READERS,
    personal: true,
    status: 200,
    request: async (f) => {
      await sharedDiagnostic(f);
      return { path: `/beneficiaries/${f.shared}/orientation/proposal` };
    },
  },
  'POST /beneficiaries/:personId/orientation/decisions': {
    allowed: DECIDERS,
    personal: true,
    status: 201,
    request: async (f, role) => {
      const personId = onlyFor(DECIDERS, role) ? await freshPerson(f, role, false) : f.shared;
      if (onlyFor(DECIDERS, role)) orientedBy.set(role, personId);
      const [d] = await f.sql<{ id: string }>(`SELECT id FROM orientation_diagnostic WHERE person_id = $1 ORDER BY created_at LIMIT 1`, [personId]);
      return {
        path: `/beneficiaries/${personId}/orientation/decisions`,
        body: {
          dominante: 'emploi', structureKind: 'france-travail-agency', diagnosticId: d?.id ?? randomUUID(), diagnosticVersion: 1, deciders: [pro(f, role)],
          agreement: 'agreed', agreementOn: today(), overrideReason: 'professional-assessment',
        },
      };
    },
  },
  'GET /beneficiaries/:personId/orientations': { allowed: READERS, personal: true, status: 200, request: (f) => ({ path: `/beneficiaries/${f.shared}/orientations` }) },

  'POST /beneficiaries/:personId/reorientation-requests': {
    allowed: DECIDERS,
    personal: true,
    status: 201,
    request: async (f, role) => {
      const personId = onlyFor(DECIDERS, role) ? await orientedPerson(f, role) : f.shared;
      return { path: `/beneficiaries/${personId}/reorientation-requests`, body: { proposedDominante: 'equilibre', proposedStructureKind: 'maison-nord-emploi', reasonCode: 'situation-worsened' } };
    },
  },
  'GET /beneficiaries/:personId/reorientation-requests': { allowed: READERS, personal: true, status: 200, request: (f) => ({ path: `/beneficiaries/${f.shared}/reorientation-requests` }) },
  'GET /orientation/territories/:territoryId/reorientation-requests': {
    allowed: [R.Coordinator],
    personal: true,
    status: 200,
    request: () => ({ path: '/orientation/territories/roubaix-tourcoing/reorientation-requests' }),
  },
  'POST /reorientation-requests/:id/decision': {
    allowed: [R.Coordinator],
    personal: true,
    status: 200,
    // A real request for every role: a refusal names its person.
    request: async (f) => {
      const personId = await orientedPerson(f, R.Coordinator, true);
      const [pending] = await f.sql<{ id: string }>(`SELECT id FROM orientation_reorientation_request WHERE person_id = $1 AND status = 'pending'`, [personId]);
      const id = pending?.id ?? (await f.app.get(Reorientations).request(seeder, personId, { proposedDominante: 'remobilisation', proposedStructureKind: 'maison-nord-emploi', reasonCode: 'health-situation' })).id;
      // Towards a more social dominante, or before the first bilan: the EP reviews it.
      return { path: `/reorientation-requests/${id}/decision`, body: { decision: 'refused', reasonCode: 'not-justified', epOn: today(), epOpinion: 'unfavourable' } };
    },
  },
  'POST /beneficiaries/:personId/reorientations': {
    allowed: [R.Coordinator],
    personal: true,
    status: 201,
    request: async (f, role) => {
      const personId = role === R.Coordinator ? await orientedPerson(f, role, true) : f.shared;
      return {
        path: `/beneficiaries/${personId}/reorientations`,
        body: { dominante: 'equilibre', structureKind: 'maison-nord-emploi', reasonCode: 'situation-worsened', agreement: 'not-expressed', epOn: today(), epOpinion: 'favourable' },
      };
    },
  },

  'GET /orientation/dominante-codes/:departement': {
    // Whoever sees orientations or sets them up.
    allowed: [R.Referent, R.Coordinator, R.ProjectTeam, R.FtCounsellor, R.PartnerOperator, R.Administrator],
    personal: false,
    status: 200,
    request: () => ({ path: '/orientation/dominante-codes/59' }),
  },
  'PUT /orientation/dominante-codes/:departement': {
    allowed: [R.Administrator],
    personal: false,
    status: 200,
    request: () => ({
      path: '/orientation/dominante-codes/59',
      body: { emploi: { franceTravailParcours: 'PRO', casfCategory: 'professionnel' }, equilibre: { franceTravailParcours: 'SOCIOPRO', casfCategory: 'socio-professionnel' }, remobilisation: { franceTravailParcours: 'SOCIAL', casfCategory: 'social' } },
    }),
  },
};
