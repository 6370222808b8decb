import { addDays, parisDateOf, Permission, Role, systemActor } from '@rsa/kernel';
import { BeneficiaryChanges } from '@rsa/beneficiary';
import { ContractCommands, OrientationPeriods, PathExits, type ContractView } from '@rsa/orientation';
import type { AccessFixture } from './access-fixture';
import { runnerOf, structureOfProfessional, SUBJECT_OF_ROLE, untakenPerson } from './access-fixture';
import type { RouteCase } from './access-matrix';

const R = Role;
const CONTRACT_ROLES: readonly Role[] = [R.Referent, R.Coordinator, R.FtCounsellor, R.PartnerOperator];
/** What the set-up does as the system: orient, share, draw up contracts and exits. */
const setUp = systemActor('test:matrix-contract', 'cli', [Permission.AccessGrant, Permission.ContractRead, Permission.ContractWrite]);

const today = () => parisDateOf(new Date());

/**
 * The structure kind and the professional who hold the accompaniment of a role's person: France
 * Travail's counsellor for a PPAE, the partner's operator for the people oriented to it, the demo
 * referent of the Maison Nord Emploi otherwise (the coordinator works on the referent's).
 */
const HOLDER: Partial<Record<Role, { structureKind: string; role: Role }>> = {
  [R.FtCounsellor]: { structureKind: 'france-travail-agency', role: R.FtCounsellor },
  [R.PartnerOperator]: { structureKind: 'partner-operator', role: R.PartnerOperator },
};

/**
 * A Roubaix person of this part only (untakenPerson), oriented 200 days ago in Emploi to the
 * structure whose professional of `role` holds the accompaniment (HOLDER), and shared with that
 * professional.
 */
async function orientedPerson(f: AccessFixture, role: Role): Promise<string> {
  const personId = await untakenPerson(f, 'the contract cases');
  const runner = runnerOf(f);
  const holder = HOLDER[role] ?? { structureKind: 'maison-nord-emploi', role: R.Referent };
  const referentId = f.seed.professionalIds[SUBJECT_OF_ROLE[holder.role]];
  await OrientationPeriods.open(runner, setUp, {
    personId, pathId: null, territoryId: 'roubaix-tourcoing', dominante: 'emploi', structureKind: holder.structureKind, structureId: null,
    referentId: null, decisionId: null, startsOn: addDays(today(), -200),
  });
  await OrientationPeriods.setReferent(runner, personId, await structureOfProfessional(f, referentId), referentId);
  await f.app.get(BeneficiaryChanges).share(setUp, personId, { professionalId: f.seed.professionalIds[SUBJECT_OF_ROLE[role]], basis: 'case-member', reasonCode: 'co-diagnostic' });
  return personId;
}

/** One person per role for the contract routes (a role without them uses the referent's: it is refused before anything). */
const people = new WeakMap<AccessFixture, Map<Role, string>>();
async function personOf(f: AccessFixture, role: Role): Promise<string> {
  const as = CONTRACT_ROLES.includes(role) ? role : R.Referent;
  let byRole = people.get(f);
  if (!byRole) people.set(f, (byRole = new Map()));
  let person = byRole.get(as);
  if (!person) byRole.set(as, (person = await orientedPerson(f, as)));
  return person;
}

/** An employment exit 40 days ago of a person of the role's (the 1-month follow-up is due), one per role. */
const exits = new WeakMap<AccessFixture, Map<Role, string>>();
async function employmentExitOf(f: AccessFixture, role: Role): Promise<string> {
  const as = CONTRACT_ROLES.includes(role) ? role : R.Referent;
  let byRole = exits.get(f);
  if (!byRole) exits.set(f, (byRole = new Map()));
  let exitId = byRole.get(as);
  if (!exitId) {
    const person = await orientedPerson(f, as);
    byRole.set(as, (exitId = (await f.app.get(PathExits).exit(setUp, person, { reason: 'employment', exitOn: addDays(today(), -40) })).id));
  }
  return exitId;
}

const commands = (f: AccessFixture) => f.app.get(ContractCommands);

/** A new draft contract of the role's person (the live one, if any, ended first). */
async function freshDraft(f: AccessFixture, role: Role): Promise<ContractView> {
  const person = await personOf(f, role);
  await f.sql(`UPDATE contract SET status = 'ended', ended_on = $2, end_reason = 'cancelled' WHERE person_id = $1 AND status <> 'ended'`, [person, today()]);
  return commands(f).create(setUp, person);
}

async function freshSigned(f: AccessFixture, role: Role): Promise<ContractView> {
  const draft = await freshDraft(f, role);
  return commands(f).sign(setUp, draft.id, draft.version, addDays(today(), -30));
}

async function liveContract(f: AccessFixture, role: Role): Promise<ContractView> {
  const person = await personOf(f, role);
  const [live] = await f.sql<{ id: string; status: string }>(`SELECT id, status FROM contract WHERE person_id = $1 AND status <> 'ended'`, [person]);
  if (!live) return freshSigned(f, role);
  const [{ version }] = await f.sql<{ version: number }>(`SELECT version FROM contract WHERE id = $1`, [live.id]);
  return { id: live.id, version } as ContractView;
}

const action = (version: number) => ({ expectedVersion: version, category: 'workshop', code: 'job-club', weeklyHours: 4, startsOn: today(), endsOn: addDays(today(), 27) });

/** The contract routes of the access matrix (spread into ROUTE_MATRIX). Only a type import from access-matrix.ts: no cycle at run time. */
export const CONTRACT_ROUTES: Record<string, RouteCase> = {
  'POST /beneficiaries/:personId/contracts': {
    allowed: CONTRACT_ROLES,
    personal: true,
    status: 201,
    request: async (f, role) => {
      const person = await personOf(f, role);
      await f.sql(`UPDATE contract SET status = 'ended', ended_on = $2, end_reason = 'cancelled' WHERE person_id = $1 AND status <> 'ended'`, [person, today()]);
      return { path: `/beneficiaries/${person}/contracts` };
    },
  },
  'GET /beneficiaries/:personId/contracts': { allowed: CONTRACT_ROLES, personal: true, status: 200, request: async (f, role) => ({ path: `/beneficiaries/${await personOf(f, role)}/contracts` }) },
  'GET /contracts/:id': { allowed: CONTRACT_ROLES, personal: true, status: 200, request: async (f, role) => ({ path: `/contracts/${(await liveContract(f, role)).id}` }) },
  'POST /contracts/:id/sign': {
    allowed: CONTRACT_ROLES,
    personal: true,
    status: 200,
    request: async (f, role) => {
      const draft = await freshDraft(f, role);
      return { path: `/contracts/${draft.id}/sign`, body: { expectedVersion: draft.version, signedOn: today() } };
    },
  },
  'POST /contracts/:id/actions': {
    allowed: CONTRACT_ROLES,
    personal: true,
    status: 201,
    request: async (f, role) => {
      const live = await liveContract(f, role);
      return { path: `/contracts/${live.id}/actions`, body: action(live.version) };
    },
  },
  'PATCH /contracts/:id/actions/:actionId': {
    allowed: CONTRACT_ROLES,
    personal: true,
    status: 200,
    request: async (f, role) => {
      const live = await liveContract(f, role);
      const { expectedVersion, ...input } = action(live.version);
      const withAction = await commands(f).addAction(setUp, live.id, expectedVersion, { ...input, category: 'workshop' });
      const added = withAction.actions[withAction.actions.length - 1];
      return { path: `/contracts/${live.id}/actions/${added.id}`, body: { expectedVersion: withAction.version, status: 'in-progress' } };
    },
  },
  'POST /contracts/:id/intensity-adjustments': {
    allowed: CONTRACT_ROLES,
    personal: true,
    status: 201,
    request: async (f, role) => {
      const signed = await freshSigned(f, role);
      return { path: `/contracts/${signed.id}/intensity-adjustments`, body: { expectedVersion: signed.version, weeklyHours: 8, reason: 'health', from: today(), to: addDays(today(), 13) } };
    },
  },
  'GET /contracts/:id/intensity': {
    allowed: CONTRACT_ROLES,
    personal: true,
    status: 200,
    request: async (f, role) => ({ path: `/contracts/${(await liveContract(f, role)).id}/intensity?from=${addDays(today(), -28)}&to=${today()}` }),
  },
  'POST /contracts/:id/bilan': {
    allowed: CONTRACT_ROLES,
    personal: true,
    status: 201,
    request: async (f, role) => {
      const signed = await freshSigned(f, role);
      return { path: `/contracts/${signed.id}/bilan`, body: { expectedVersion: signed.version, heldOn: today(), outcome: 'renew', nextSteps: ['immersion'] } };
    },
  },
  'POST /contracts/:id/renewals': {
    allowed: CONTRACT_ROLES,
    personal: true,
    status: 201,
    request: async (f, role) => {
      const signed = await freshSigned(f, role);
      const withBilan = await commands(f).recordBilan(setUp, signed.id, signed.version, { heldOn: today(), outcome: 'renew', nextSteps: [] });
      return { path: `/contracts/${signed.id}/renewals`, body: { expectedVersion: withBilan.version } };
    },
  },
  'POST /beneficiaries/:personId/exit': {
    allowed: CONTRACT_ROLES,
    personal: true,
    status: 201,
    // An exit closes the orientation: a person of its own for each role that may (the others are refused first).
    request: async (f, role) => ({
      path: `/beneficiaries/${CONTRACT_ROLES.includes(role) ? await orientedPerson(f, role) : await personOf(f, role)}/exit`,
      body: { reason: 'training', exitOn: today() },
    }),
  },
  'GET /beneficiaries/:personId/exits': { allowed: CONTRACT_ROLES, personal: true, status: 200, request: async (f, role) => ({ path: `/beneficiaries/${await personOf(f, role)}/exits` }) },
  'POST /exits/:id/milestones/:milestone': {
    allowed: CONTRACT_ROLES,
    personal: true,
    status: 200,
    request: async (f, role) => {
      const exitId = await employmentExitOf(f, role);
      return { path: `/exits/${exitId}/milestones/1-month`, body: { inEmployment: true, contractType: 'cdi', workingTime: 'full-time' } };
    },
  },
};
