import { addDays, parisDateOf, Permission, Role, ROLE_DEFINITIONS, systemActor } from '@rsa/kernel';
import { Organisation } from '@rsa/access';
import { FirstAppointments, OrientationPeriods, PortfolioAssignments } from '@rsa/orientation';
import { DEMO_SUBJECTS } from '@rsa/testing';
import type { AccessFixture } from './access-fixture';
import type { RouteCase } from './access-matrix';
import { runnerOf, SUBJECT_OF_ROLE, untakenPerson } from './access-fixture';

/** The portfolio routes of the access matrix (spread into ROUTE_MATRIX). Only a type import from access-matrix.ts: no cycle at run time. */

const R = Role;
const setUp = systemActor('test:matrix-portfolio', 'cli', [Permission.PortfolioManage, Permission.PortfolioRead, Permission.OrganisationManage, Permission.OrganisationRead]);
const today = () => parisDateOf(new Date());
const demoReferent = (f: AccessFixture) => f.seed.professionalIds[DEMO_SUBJECTS.referentRoubaix];
/** The referent a role looks at: a referent or a partner operator at their own portfolio, the others at the demo referent's. */
const referentFor = (f: AccessFixture, role: Role) => (role === R.Referent || role === R.PartnerOperator || role === R.FtCounsellor ? f.seed.professionalIds[SUBJECT_OF_ROLE[role]] : demoReferent(f));

/**
 * These cases work on the fixture's unshared person (the other parts' cases leave them alone): oriented here, assigned to the demo
 * referent by the assignment case (or by `inDemoPortfolio` if it runs first). Only when that person is taken does a case orient
 * another Roubaix-Tourcoing person, so the cases use no more of the fixture's people than they must.
 */
async function orient(f: AccessFixture, personId: string): Promise<void> {
  await OrientationPeriods.open(runnerOf(f), setUp, {
    personId, pathId: null, territoryId: 'roubaix-tourcoing', dominante: 'emploi', structureKind: 'maison-nord-emploi', structureId: null, referentId: null, decisionId: null, startsOn: today(),
  });
}

async function unsharedOriented(f: AccessFixture): Promise<{ personId: string; referentId: string | null }> {
  const [period] = await f.sql<{ referent_id: string | null }>(`SELECT referent_id FROM orientation_period WHERE person_id = $1 AND ends_on IS NULL`, [f.unshared]);
  if (period) return { personId: f.unshared, referentId: period.referent_id };
  await orient(f, f.unshared);
  return { personId: f.unshared, referentId: null };
}

async function freshOriented(f: AccessFixture): Promise<string> {
  const personId = await untakenPerson(f, 'the portfolio cases');
  await orient(f, personId);
  return personId;
}

/** A person oriented by these cases and still without a referent. */
async function orientedWithoutReferent(f: AccessFixture): Promise<string> {
  const unshared = await unsharedOriented(f);
  if (unshared.referentId === null) return unshared.personId;
  const [open] = await f.sql<{ person_id: string }>(
    `SELECT person_id FROM orientation_period WHERE ends_on IS NULL AND referent_id IS NULL AND created_by = 'system:test:matrix-portfolio' ORDER BY person_id LIMIT 1`,
  );
  return open?.person_id ?? freshOriented(f);
}

/** A person of the demo referent's portfolio, assigned by these cases. */
async function inDemoPortfolio(f: AccessFixture): Promise<string> {
  const unshared = await unsharedOriented(f);
  if (unshared.referentId === demoReferent(f)) return unshared.personId;
  const [held] = await f.sql<{ person_id: string }>(
    `SELECT person_id FROM orientation_period WHERE ends_on IS NULL AND referent_id = $1 AND created_by = 'system:test:matrix-portfolio' ORDER BY person_id LIMIT 1`,
    [demoReferent(f)],
  );
  if (held) return held.person_id;
  const personId = await orientedWithoutReferent(f);
  await f.app.get(PortfolioAssignments).assign(setUp, personId, { professionalId: demoReferent(f) });
  return personId;
}

/** Whether the role gets past the route's permission: only then does the request need real data behind it. */
const reads = (role: Role) => ROLE_DEFINITIONS[role].permissions.includes(Permission.PortfolioRead);
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** The planned first appointment of that person (scheduled again when a case cancelled it). */
async function plannedFirstAppointment(f: AccessFixture): Promise<string> {
  const personId = await inDemoPortfolio(f);
  const [planned] = await f.sql<{ id: string }>(`SELECT id FROM portfolio_first_appointment WHERE person_id = $1 AND status = 'planned'`, [personId]);
  if (planned) return planned.id;
  return (await f.app.get(FirstAppointments).schedule(setUp, personId, {})).id;
}

/** That person, their first appointment cancelled, to be scheduled again. */
async function withoutFirstAppointment(f: AccessFixture): Promise<string> {
  const personId = await inDemoPortfolio(f);
  const [planned] = await f.sql<{ id: string }>(`SELECT id FROM portfolio_first_appointment WHERE person_id = $1 AND status = 'planned'`, [personId]);
  if (planned) await f.app.get(FirstAppointments).recordOutcome(setUp, planned.id, 'cancelled');
  return personId;
}

/** A second referent of Maison Nord Emploi Roubaix-Tourcoing, the stand-in of the transfer case. */
async function standIn(f: AccessFixture): Promise<string> {
  const [known] = await f.sql<{ id: string }>(`SELECT id FROM access_professional WHERE subject = 'matrix.portfolio.stand-in'`);
  if (known) return known.id;
  const organisation = f.app.get(Organisation);
  const professional = await organisation.createProfessional(setUp, { subject: 'matrix.portfolio.stand-in', displayName: 'Référente suppléante' });
  await organisation.addHabilitation(setUp, professional.id, { role: R.Referent, structureId: f.seed.structureIds['MNE-ROUBAIX-TOURCOING'], validFrom: '2026-01-01' });
  return professional.id;
}

const OWN_OR_COORDINATOR = [R.Coordinator, R.Referent, R.PartnerOperator, R.FtCounsellor];

export const PORTFOLIO_ROUTES: Record<string, RouteCase> = {
  'GET /portfolio/territories/:territoryId/capacity': {
    allowed: [R.Coordinator, R.ProjectTeam], personal: false, status: 200, request: () => ({ path: '/portfolio/territories/roubaix-tourcoing/capacity' }),
  },
  'PUT /portfolio/territories/:territoryId/capacity': {
    allowed: [R.Coordinator], personal: false, status: 200,
    request: () => ({ path: '/portfolio/territories/roubaix-tourcoing/capacity', body: { emploi: 60, equilibre: 70, remobilisation: 60, reviewEveryMonths: 3 } }),
  },
  'GET /portfolio/referents/:professionalId': {
    allowed: [R.Coordinator, R.ProjectTeam, R.Referent, R.PartnerOperator, R.FtCounsellor], personal: false, status: 200, request: (f, role) => ({ path: `/portfolio/referents/${referentFor(f, role)}` }),
  },
  'PUT /portfolio/referents/:professionalId': {
    allowed: [R.Coordinator], personal: false, status: 200, request: (f) => ({ path: `/portfolio/referents/${demoReferent(f)}`, body: { capacity: null, absentFrom: null, absentTo: null } }),
  },
  'GET /beneficiaries/:personId/referent-suggestion': {
    allowed: [R.Coordinator], personal: true, status: 200,
    request: async (f, role) => ({ path: `/beneficiaries/${role === R.Coordinator ? (await unsharedOriented(f)).personId : f.unshared}/referent-suggestion` }),
  },
  'POST /beneficiaries/:personId/referent': {
    allowed: [R.Coordinator], personal: true, status: 201,
    request: async (f, role) => ({ path: `/beneficiaries/${role === R.Coordinator ? await orientedWithoutReferent(f) : f.unshared}/referent`, body: { professionalId: demoReferent(f) } }),
  },
  'GET /beneficiaries/:personId/referent': { allowed: OWN_OR_COORDINATOR, personal: true, status: 200, request: (f) => ({ path: `/beneficiaries/${f.shared}/referent` }) },
  'POST /beneficiaries/:personId/first-appointment': {
    allowed: [R.Coordinator, R.Referent], personal: true, status: 201,
    request: async (f, role) => ({ path: `/beneficiaries/${reads(role) ? await withoutFirstAppointment(f) : f.unshared}/first-appointment`, body: {} }),
  },
  'POST /portfolio/first-appointments/:id/outcome': {
    allowed: [R.Coordinator, R.Referent], personal: true, status: 200,
    // A real appointment for every role: a refusal names its person.
    request: async (f) => ({ path: `/portfolio/first-appointments/${await plannedFirstAppointment(f)}/outcome`, body: { status: 'cancelled' } }),
  },
  'GET /portfolio/territories/:territoryId/first-appointments': {
    allowed: [R.Coordinator], personal: true, status: 200, request: () => ({ path: '/portfolio/territories/roubaix-tourcoing/first-appointments' }),
  },
  'GET /portfolio/me': { allowed: [R.Referent, R.PartnerOperator, R.FtCounsellor], personal: true, status: 200, request: () => ({ path: '/portfolio/me' }) },
  'GET /portfolio/referents/:professionalId/people': {
    allowed: OWN_OR_COORDINATOR, personal: true, status: 200, request: (f, role) => ({ path: `/portfolio/referents/${referentFor(f, role)}/people` }),
  },
  'GET /portfolio/territories/:territoryId/load': {
    allowed: [R.Coordinator, R.ProjectTeam], personal: false, status: 200, request: () => ({ path: '/portfolio/territories/roubaix-tourcoing/load?weeks=4' }),
  },
  'POST /portfolio/transfers': {
    allowed: [R.Coordinator], personal: true, status: 201,
    request: async (f, role) => ({
      path: '/portfolio/transfers',
      body: {
        fromReferentId: demoReferent(f), toReferentId: role === R.Coordinator ? await standIn(f) : NO_SUCH_ID, personIds: [role === R.Coordinator ? await inDemoPortfolio(f) : f.unshared],
        kind: 'temporary', until: addDays(today(), 7), reasonCode: 'absence',
      },
    }),
  },
  'GET /portfolio/referents/:professionalId/transfers': {
    allowed: OWN_OR_COORDINATOR, personal: true, status: 200, request: (f, role) => ({ path: `/portfolio/referents/${referentFor(f, role)}/transfers` }),
  },
  'POST /portfolio/referents/:professionalId/reviews': {
    allowed: [R.Coordinator], personal: true, status: 201,
    request: async (f, role) => ({
      path: `/portfolio/referents/${demoReferent(f)}/reviews`,
      body: { reviewedOn: today(), participantIds: [demoReferent(f)], items: [{ personId: role === R.Coordinator ? await inDemoPortfolio(f) : f.unshared, decision: 'continue' }] },
    }),
  },
  'GET /portfolio/referents/:professionalId/reviews': {
    allowed: OWN_OR_COORDINATOR, personal: true, status: 200, request: (f, role) => ({ path: `/portfolio/referents/${referentFor(f, role)}/reviews` }),
  },
};
