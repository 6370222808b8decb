import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { addDays, ALL_ROLES, parisDateOf, Permission, Role, systemActor } from '@rsa/kernel';
import { BeneficiaryChanges } from '@rsa/beneficiary';
import { Organisation } from '@rsa/access';
import { AgendaCommands, AppointmentCommands, Campaigns } from '@rsa/convocation';
import { DEMO_SUBJECTS, generateCafFile } from '@rsa/testing';
import { structureOfProfessional, SUBJECT_OF_ROLE, type AccessFixture } from './access-fixture';
import { CONTRACT_ROUTES } from './access-matrix-contract';
import { NOTICE_ROUTES } from './access-matrix-notices';
import { ORIENTATION_ROUTES } from './access-matrix-orientation';
import { PORTFOLIO_ROUTES } from './access-matrix-portfolio';

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
const seeder = systemActor('test:matrix', 'cli', [
  Permission.OrganisationManage, Permission.OrganisationRead, Permission.AccessGrant, Permission.AgendaManage, Permission.AppointmentRead,
  Permission.AppointmentManage, Permission.ConvocationManage,
]);
const APPOINTMENT_READERS = [R.Referent, R.Coordinator, R.FtCounsellor, R.PartnerOperator, R.CallCentre];
const APPOINTMENT_MANAGERS = APPOINTMENT_READERS;
/** Days from today, for slots far enough not to meet the fixture's own. */
let farDay = 60;

/** The shared person's active orientation appointment, booked again if a previous case cancelled it. */
async function activeAppointment(f: AccessFixture): Promise<{ id: string; slot_id: string; path_id: string }> {
  const active = () =>
    f.sql<{ id: string; slot_id: string; path_id: string }>(
      `SELECT id, slot_id, path_id FROM convocation_appointment WHERE person_id = $1 AND kind = 'orientation' AND status IN ('planned', 'confirmed', 'moved')`,
      [f.shared],
    );
  const [found] = await active();
  if (found) return found;
  const [path] = await f.sql<{ path_id: string }>(`SELECT path_id FROM convocation_track WHERE person_id = $1`, [f.shared]);
  await f.app.get(AppointmentCommands).book(seeder, path.path_id, await freeSlot(f));
  return (await active())[0];
}

async function freeSlot(f: AccessFixture, except?: string): Promise<string> {
  const [slot] = await f.sql<{ id: string }>(
    `SELECT id FROM convocation_slot WHERE agenda_id = $1 AND status = 'open' AND booked < capacity AND starts_at > now() + interval '1 day' AND id <> $2 ORDER BY starts_at DESC LIMIT 1`,
    [f.agendaId, except ?? '00000000-0000-0000-0000-000000000000'],
  );
  return slot.id;
}

/** A path of the shared person waiting to be convened: its appointment cancelled (by the system) if it had one. */
async function waitingPath(f: AccessFixture): Promise<string> {
  const active = await activeAppointment(f);
  await f.app.get(AppointmentCommands).cancel(seeder, active.id, 'error');
  return active.path_id;
}

/** A place run by the role's own structure (its staff see its day), or the fixture's place of Roubaix-Tourcoing. */
const staffPlaces = new Map<Role, string>();
async function placeFor(f: AccessFixture, role: Role): Promise<string> {
  if (role !== R.Referent && role !== R.FtCounsellor && role !== R.PartnerOperator) return f.placeId;
  const known = staffPlaces.get(role);
  if (known) return known;
  const structureId = await structureOfProfessional(f, f.seed.professionalIds[SUBJECT_OF_ROLE[role]]);
  const place = await f.app.get(AgendaCommands).createPlace(f.convocationActor, {
    territoryId: 'roubaix-tourcoing', structureId, name: `Accueil ${tag(role)}`, addressLines: ['1 rue de la Paix'], postcode: '59100', city: 'Roubaix',
    contactPhone: '03 20 00 00 00', contactHours: 'du lundi au vendredi',
    openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:30', to: '17:00' })),
  });
  staffPlaces.set(role, place.id as string);
  return place.id as string;
}

/** A past accompaniment appointment of the shared person, for attendance (the only one of its kind still active). */
async function pastAppointment(f: AccessFixture): Promise<string> {
  await f.sql(`UPDATE convocation_appointment SET status = 'cancelled' WHERE person_id = $1 AND kind = 'accompaniment' AND status IN ('planned', 'confirmed', 'moved')`, [f.shared]);
  const [{ path_id }] = await f.sql<{ path_id: string }>(`SELECT path_id FROM convocation_track WHERE person_id = $1`, [f.shared]);
  const [slot] = await f.sql<{ id: string }>(
    `INSERT INTO convocation_slot (id, agenda_id, place_id, territory_id, kind, reception, starts_at, duration_minutes, capacity, booked)
     VALUES (gen_random_uuid(), $1, $2, 'roubaix-tourcoing', 'accompaniment', 'individual', now() - interval '2 hours', 60, 1, 1) RETURNING id`,
    [f.agendaId, f.placeId],
  );
  const [appointment] = await f.sql<{ id: string }>(
    `INSERT INTO convocation_appointment (id, person_id, path_id, slot_id, place_id, kind, status, starts_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, 'accompaniment', 'planned', now() - interval '2 hours') RETURNING id`,
    [f.shared, path_id, slot.id, f.placeId],
  );
  return appointment.id;
}

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
  'GET /intake/anomalies': { allowed: [R.IntakeOperator], personal: true, status: 200, request: () => ({ path: '/intake/anomalies' }) },
  'POST /intake/anomalies/:anomalyId/resolve': {
    allowed: [R.IntakeOperator],
    personal: true,
    status: 200,
    // An open anomaly of its own for each call (one can be resolved only once), about a person: a refusal names them.
    request: async (f) => {
      const [anomaly] = await f.sql<{ id: string }>(`INSERT INTO intake_anomaly (file_id, kind, numdemrsa, person_id, detail) VALUES ($1, 'unknown-code', NULL, $2, '{}') RETURNING id::text`, [f.fileId, f.shared]);
      return { path: `/intake/anomalies/${anomaly.id}/resolve`, body: { resolution: 'code-noted' } };
    },
  },

  'POST /intake/anomalies/:anomalyId/reopen': {
    allowed: [R.IntakeOperator],
    personal: true,
    status: 200,
    // A resolved anomaly of its own for each call: one can be reopened only once.
    request: async (f) => {
      const [anomaly] = await f.sql<{ id: string }>(
        `INSERT INTO intake_anomaly (file_id, kind, numdemrsa, person_id, detail, status, resolved_at, resolved_by, resolution)
         VALUES ($1, 'unknown-code', NULL, $2, '{}', 'resolved', now(), 'test', 'code-noted') RETURNING id::text`,
        [f.fileId, f.shared],
      );
      return { path: `/intake/anomalies/${anomaly.id}/reopen` };
    },
  },

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

  'GET /convocation/territories/:territoryId/places': { allowed: APPOINTMENT_READERS, personal: false, status: 200, request: () => ({ path: '/convocation/territories/roubaix-tourcoing/places' }) },
  'POST /convocation/places': {
    allowed: [R.Coordinator],
    personal: false,
    status: 201,
    request: (_f, role) => ({
      path: '/convocation/places',
      body: { territoryId: 'roubaix-tourcoing', name: `Antenne ${tag(role)}`, addressLines: ['1 rue de Lannoy'], postcode: '59100', city: 'Roubaix', contactPhone: '03 53 48 10 09', contactHours: 'en semaine', openingHours: [{ weekday: 2, from: '09:00', to: '12:00' }] },
    }),
  },
  'GET /convocation/places/:placeId/appointments': {
    allowed: APPOINTMENT_READERS,
    personal: true,
    status: 200,
    request: async (f, role) => ({ path: `/convocation/places/${await placeFor(f, role)}/appointments?day=${parisDateOf(new Date())}` }),
  },
  'POST /convocation/places/:placeId/closures': {
    allowed: [R.Coordinator],
    personal: false,
    status: 201,
    request: (f) => ({ path: `/convocation/places/${f.placeId}/closures`, body: { fromDay: '2031-08-01', toDay: '2031-08-15', reason: 'travaux' } }),
  },
  'POST /convocation/places/:placeId/agendas': {
    allowed: [R.Coordinator],
    personal: false,
    status: 201,
    request: (f, role) => ({ path: `/convocation/places/${f.placeId}/agendas`, body: { name: `Atelier ${tag(role)}`, kind: 'jalon', reception: 'collective', durationMinutes: 90, capacity: 8 } }),
  },
  'POST /convocation/agendas/:agendaId/slots': {
    allowed: [R.Coordinator],
    personal: false,
    status: 201,
    request: (f) => {
      const day = addDays(parisDateOf(new Date()), farDay++);
      return { path: `/convocation/agendas/${f.agendaId}/slots`, body: { from: day, to: day, times: ['08:45'] } };
    },
  },
  'POST /convocation/slots/:slotId/cancel': {
    allowed: [R.Coordinator],
    personal: false,
    status: 200,
    request: async (f) => {
      const day = addDays(parisDateOf(new Date()), farDay++);
      await f.app.get(AgendaCommands).generateSlots(seeder, f.agendaId, { from: day, to: day, times: ['16:30'] });
      const [slot] = await f.sql<{ id: string }>(`SELECT id FROM convocation_slot WHERE agenda_id = $1 AND status = 'open' AND booked = 0 ORDER BY starts_at DESC LIMIT 1`, [f.agendaId]);
      return { path: `/convocation/slots/${slot.id}/cancel` };
    },
  },
  'GET /convocation/territories/:territoryId/slots': {
    allowed: APPOINTMENT_READERS,
    personal: false,
    status: 200,
    request: () => ({ path: `/convocation/territories/roubaix-tourcoing/slots?from=${parisDateOf(new Date())}&to=${addDays(parisDateOf(new Date()), 14)}` }),
  },
  'GET /convocation/territories/:territoryId/policy': { allowed: APPOINTMENT_READERS, personal: false, status: 200, request: () => ({ path: '/convocation/territories/roubaix-tourcoing/policy' }) },
  'PUT /convocation/territories/:territoryId/policy': {
    allowed: [R.Coordinator],
    personal: false,
    status: 200,
    request: () => ({
      path: '/convocation/territories/roubaix-tourcoing/policy',
      body: { inviteFirst: false, invitationReminderDays: 3, invitationExpiryDays: 6, relanceWithinDays: 10, maxRelances: 2, minLeadWorkingDays: 2, reminderWorkingDaysBefore: 2, sendFrom: '09:00', sendUntil: '19:00' },
    }),
  },
  'GET /convocation/territories/:territoryId/alerts': { allowed: [R.Coordinator], personal: true, status: 200, request: () => ({ path: '/convocation/territories/roubaix-tourcoing/alerts' }) },
  'POST /convocation/alerts/:alertId/resolve': {
    allowed: [R.Coordinator],
    personal: true,
    status: 200,
    request: async (f) => {
      const [path] = await f.sql<{ path_id: string; person_id: string }>(`SELECT path_id, person_id FROM convocation_track WHERE territory_id = 'roubaix-tourcoing' ORDER BY path_id LIMIT 1`);
      await f.sql(
        `INSERT INTO convocation_alert (id, territory_id, kind, path_id, person_id) VALUES (gen_random_uuid(), 'roubaix-tourcoing', 'unreachable', $1, $2)
         ON CONFLICT (path_id, kind) WHERE resolved_at IS NULL DO NOTHING`,
        [path.path_id, path.person_id],
      );
      const [alert] = await f.sql<{ id: string }>(`SELECT id FROM convocation_alert WHERE path_id = $1 AND kind = 'unreachable' AND resolved_at IS NULL`, [path.path_id]);
      return { path: `/convocation/alerts/${alert.id}/resolve` };
    },
  },
  'GET /convocation/territories/:territoryId/figures': { allowed: [R.Coordinator], personal: false, status: 200, request: () => ({ path: '/convocation/territories/roubaix-tourcoing/figures' }) },
  'GET /beneficiaries/:id/convocations': { allowed: APPOINTMENT_READERS, personal: true, status: 200, request: (f) => ({ path: `/beneficiaries/${f.shared}/convocations` }) },
  'POST /convocation/paths/:pathId/appointments': {
    allowed: APPOINTMENT_MANAGERS,
    personal: true,
    status: 201,
    request: async (f) => ({ path: `/convocation/paths/${await waitingPath(f)}/appointments`, body: { slotId: await freeSlot(f) } }),
  },
  'POST /convocation/appointments/:id/move': {
    allowed: APPOINTMENT_MANAGERS,
    personal: true,
    status: 200,
    request: async (f) => {
      const active = await activeAppointment(f);
      return { path: `/convocation/appointments/${active.id}/move`, body: { slotId: await freeSlot(f, active.slot_id), reasonCode: 'call-centre' } };
    },
  },
  'POST /convocation/appointments/:id/cancel': {
    allowed: APPOINTMENT_MANAGERS,
    personal: true,
    status: 200,
    request: async (f) => ({ path: `/convocation/appointments/${(await activeAppointment(f)).id}/cancel`, body: { reasonCode: 'person-request' } }),
  },
  'POST /convocation/appointments/:id/confirm': {
    allowed: APPOINTMENT_MANAGERS,
    personal: true,
    status: 200,
    request: async (f) => ({ path: `/convocation/appointments/${(await activeAppointment(f)).id}/confirm` }),
  },
  'POST /convocation/appointments/:id/attendance': {
    allowed: APPOINTMENT_MANAGERS,
    personal: true,
    status: 200,
    request: async (f) => ({ path: `/convocation/appointments/${await pastAppointment(f)}/attendance`, body: { attendance: 'honoured' } }),
  },
  'POST /convocation/campaigns': {
    allowed: [R.Coordinator],
    personal: true,
    status: 201,
    request: (_f, role) => ({ path: '/convocation/campaigns', body: { territoryId: 'roubaix-tourcoing', name: `Reprise ${tag(role)}`, segment: 'not-oriented', priority: 'longest-in-rsa', monthlyPace: 103, fromMonth: '2031-01', toMonth: '2031-06' } }),
  },
  'GET /convocation/territories/:territoryId/campaigns': { allowed: [R.Coordinator], personal: false, status: 200, request: () => ({ path: '/convocation/territories/roubaix-tourcoing/campaigns' }) },
  'GET /convocation/campaigns/:id': {
    allowed: [R.Coordinator],
    personal: false,
    status: 200,
    request: async (f, role) => {
      const campaign = await f.app.get(Campaigns).create(seeder, { territoryId: 'roubaix-tourcoing', name: `Suivi ${tag(role)}`, segment: 'lost-from-view', priority: 'oldest-entry', monthlyPace: 10, fromMonth: '2031-01', toMonth: '2031-02' });
      return { path: `/convocation/campaigns/${campaign.id}` };
    },
  },

  'GET /retention/policies': { allowed: [R.Administrator], personal: false, status: 200, request: () => ({ path: '/retention/policies' }) },
  'PUT /retention/policies/:category': { allowed: [R.Administrator], personal: false, status: 200, request: () => ({ path: '/retention/policies/audit-sensitive', body: { months: 36 } }) },
  'GET /retention/runs': { allowed: [R.Administrator], personal: false, status: 200, request: () => ({ path: '/retention/runs' }) },
  'POST /retention/runs': { allowed: [R.Administrator], personal: false, status: 201, request: () => ({ path: '/retention/runs' }) },

  ...ORIENTATION_ROUTES,
  ...PORTFOLIO_ROUTES,
  ...CONTRACT_ROUTES,
  ...NOTICE_ROUTES,
};
