import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { OrganisationSeed } from '@rsa/access';
import { DEFAULT_POLICY, RELEASE_CAMPAIGNS_JOB } from '@rsa/convocation';
import { addDays, parisDateOf, Permission, Role, systemActor } from '@rsa/kernel';
import { JobProducer } from '@rsa/platform';
import { createTestDatabase, DEMO_SUBJECTS, type TestDatabase } from '@rsa/testing';
import { bearer, tokenFor } from './support/api';
import { buildConvocationWorld, type ConvocationWorld } from './support/convocation-world';
import { runCli } from '../apps/cli/src/cli';

/**
 * What the coordinators set up and run around the planner, through the API with the clock moved by
 * the test: places, opening hours, agendas and their slots (working days inside opening hours,
 * never a weekend or a public holiday), closures, slot capacity (by hand, by the planner, two
 * bookings at once), cancelled slots, an appointment confirmed and cancelled by hand, the
 * territory's policy and its effect on the planner, stock reprise campaigns released at their
 * monthly pace, and who may do any of it.
 *
 * March 2027 has 22 working days (Easter Monday is the 29th), April 2027 has 22.
 */
describe('convocation agendas, capacity, policy and campaigns (e2e)', () => {
  const RT = 'roubaix-tourcoing';
  const coordinatorLilleSubject = 'test.coordinator.lille';
  let db: TestDatabase;
  let w: ConvocationWorld;
  const api = () => request(w.app.getHttpServer());
  let coordinator: Record<string, string>;
  let callCentre: Record<string, string>;
  let referent: Record<string, string>;
  let dpo: Record<string, string>;
  let coordinatorLille: Record<string, string>;
  const professional = (subject: string) => `professional:${w.seed.professionalIds[subject]}`;

  let placeId: string;
  let individualId: string;
  let collectiveId: string;
  let lillePlaceId: string;
  let notOrientedCampaignId: string;

  const OPENING_HOURS = [
    ...[1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, from: '08:30', to: '12:30' },
      { weekday, from: '13:30', to: '17:00' },
    ]),
    // Open on Saturday mornings: still no slot then (not a working day).
    { weekday: 6, from: '09:00', to: '12:00' },
  ];
  const place = (territoryId: string, patch: object = {}) => ({
    territoryId,
    name: `MNE ${territoryId} — Grand-Rue`,
    addressLines: ['12 rue de la Gare'],
    postcode: '59100',
    city: 'Roubaix',
    contactPhone: '03 20 00 00 00',
    contactHours: 'du lundi au vendredi, de 8 h 30 à 17 h',
    openingHours: OPENING_HOURS,
    ...patch,
  });

  const one = async (text: string, params: unknown[] = []) => (await w.sql<{ n: number }>(text, params))[0].n;
  const paris = (column: string) => `(${column} AT TIME ZONE 'Europe/Paris')`;
  /** Rows of every table the coordinators write: a refused request leaves them as they were. */
  const written = () =>
    w.sql(
      `SELECT (SELECT count(*) FROM convocation_place)::int AS places, (SELECT count(*) FROM convocation_agenda)::int AS agendas,
              (SELECT count(*) FROM convocation_slot)::int AS slots, (SELECT count(*) FROM convocation_slot WHERE status = 'cancelled')::int AS cancelled_slots,
              (SELECT count(*) FROM convocation_closure)::int AS closures, (SELECT count(*) FROM convocation_policy)::int AS policies,
              (SELECT count(*) FROM convocation_campaign)::int AS campaigns, (SELECT count(*) FROM convocation_campaign_member)::int AS members,
              (SELECT count(*) FROM convocation_appointment)::int AS appointments`,
    );
  /**
   * Slots whose count is not exactly the appointments holding a place on them (all but the cancelled:
   * one attended keeps its place), or with more of them than their capacity.
   */
  const slotDrift = () =>
    one(
      `SELECT count(*)::int AS n FROM convocation_slot s, LATERAL (SELECT count(*)::int AS held FROM convocation_appointment a WHERE a.slot_id = s.id AND a.status <> 'cancelled') x
        WHERE s.booked <> x.held OR x.held > s.capacity`,
    );
  const activeOn = (slotId: string) => one(`SELECT count(*)::int AS n FROM convocation_appointment WHERE slot_id = $1 AND status IN ('planned', 'confirmed', 'moved')`, [slotId]);
  const track = async (pathId: string) =>
    (
      await w.sql<{ state: string; deadline: string; attempts: number; last_outcome: string | null; appointment_id: string | null; origin: string; campaign_id: string | null; territory_id: string }>(
        `SELECT state, to_char(deadline, 'YYYY-MM-DD') AS deadline, attempts, last_outcome, appointment_id, origin, campaign_id, territory_id FROM convocation_track WHERE path_id = $1`,
        [pathId],
      )
    )[0];
  const waitingIn = (territoryId: string) =>
    w.sql<{ path_id: string; person_id: string }>(`SELECT path_id, person_id FROM convocation_track WHERE territory_id = $1 AND state = 'no-slot' ORDER BY path_id`, [territoryId]);

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    // Monday 1 March 2027, 08:00 Paris.
    w = await buildConvocationWorld(db, '2027-03-01T08:00:00+01:00');
    // A coordinator of Lille (the demo has one coordinator per role, of Roubaix-Tourcoing).
    await w.app.get(OrganisationSeed).load(systemActor('test:seed', 'cli', [Permission.OrganisationRead, Permission.OrganisationManage]), {
      territories: [],
      structures: [{ code: 'MNE-LILLE', kind: 'maison-nord-emploi', name: 'MNE Lille Métropole', territoryId: 'lille' }],
      professionals: [
        { subject: coordinatorLilleSubject, displayName: 'Coordinateur MNE Lille (test)', habilitations: [{ role: Role.Coordinator, structureCode: 'MNE-LILLE', territoryId: 'lille', validFrom: '2026-01-01' }] },
      ],
    });
    coordinator = bearer(await tokenFor(w.config, DEMO_SUBJECTS.coordinatorRoubaix));
    callCentre = bearer(await tokenFor(w.config, DEMO_SUBJECTS.callCentre));
    referent = bearer(await tokenFor(w.config, DEMO_SUBJECTS.referentRoubaix));
    dpo = bearer(await tokenFor(w.config, DEMO_SUBJECTS.dpo));
    coordinatorLille = bearer(await tokenFor(w.config, coordinatorLilleSubject));
  });
  afterAll(async () => {
    await w?.close();
    await db?.drop();
  });

  it('sets up a place, its agendas and slots: on working days inside opening hours only, never on a weekend or a public holiday', async () => {
    const created = await api().post('/convocation/places').set(coordinator).send(place(RT)).expect(201);
    placeId = created.body.id;
    expect(await w.sql(`SELECT territory_id, name, postcode, contact_phone, opening_hours, active FROM convocation_place WHERE id = $1`, [placeId])).toEqual([
      { territory_id: RT, name: `MNE ${RT} — Grand-Rue`, postcode: '59100', contact_phone: '03 20 00 00 00', opening_hours: OPENING_HOURS, active: true },
    ]);
    const places = await api().get(`/convocation/territories/${RT}/places`).set(callCentre).expect(200);
    expect(places.body).toEqual([expect.objectContaining({ id: placeId, territoryId: RT, openingHours: OPENING_HOURS })]);

    individualId = (
      await api()
        .post(`/convocation/places/${placeId}/agendas`)
        .set(coordinator)
        .send({ name: 'Co-diagnostic', kind: 'orientation', reception: 'individual', durationMinutes: 60, capacity: 1, expectedRoles: ['ft_counsellor', 'referent'] })
        .expect(201)
    ).body.id;
    collectiveId = (
      await api().post(`/convocation/places/${placeId}/agendas`).set(coordinator).send({ name: 'Information collective', kind: 'orientation', reception: 'collective', durationMinutes: 120, capacity: 10 }).expect(201)
    ).body.id;
    expect(await w.sql(`SELECT reception, duration_minutes, capacity, expected_roles FROM convocation_agenda WHERE place_id = $1 ORDER BY reception DESC`, [placeId])).toEqual([
      { reception: 'individual', duration_minutes: 60, capacity: 1, expected_roles: ['ft_counsellor', 'referent'] },
      { reception: 'collective', duration_minutes: 120, capacity: 10, expected_roles: [] },
    ]);

    // 2 March – 30 April: 43 working days. 08:00 is before opening, 12:00 runs into the lunch break, 16:30 past closing.
    const individual = { from: '2027-03-02', to: '2027-04-30', times: ['08:00', '09:00', '12:00', '13:30', '16:30'] };
    expect((await api().post(`/convocation/agendas/${individualId}/slots`).set(coordinator).send(individual).expect(201)).body).toEqual({ agendaId: individualId, created: 86, alreadyThere: 0 });
    // The same time given twice is one slot.
    const collective = { from: '2027-03-02', to: '2027-04-30', times: ['10:00', '14:30', '10:00'] };
    expect((await api().post(`/convocation/agendas/${collectiveId}/slots`).set(coordinator).send(collective).expect(201)).body).toMatchObject({ created: 86 });
    // Generating again adds nothing.
    expect((await api().post(`/convocation/agendas/${individualId}/slots`).set(coordinator).send(individual).expect(201)).body).toEqual({ agendaId: individualId, created: 0, alreadyThere: 86 });

    const summary = await w.sql(
      `SELECT agenda_id = $1 AS individual, count(*)::int AS slots, count(DISTINCT ${paris('starts_at')}::date)::int AS days,
              array_agg(DISTINCT to_char(${paris('starts_at')}, 'HH24:MI') ORDER BY to_char(${paris('starts_at')}, 'HH24:MI')) AS times,
              array_agg(DISTINCT extract(isodow FROM ${paris('starts_at')})::int ORDER BY extract(isodow FROM ${paris('starts_at')})::int) AS weekdays,
              count(*) FILTER (WHERE ${paris('starts_at')}::date IN ('2027-03-29', '2027-03-06', '2027-03-27', '2027-05-01'))::int AS on_days_off,
              min(${paris('starts_at')}::date)::text AS first, max(${paris('starts_at')}::date)::text AS last,
              array_agg(DISTINCT capacity) AS capacities, array_agg(DISTINCT status) AS statuses, sum(booked)::int AS booked,
              (count(*) - count(DISTINCT starts_at))::int AS same_time
         FROM convocation_slot WHERE agenda_id = ANY($2::uuid[]) GROUP BY 1 ORDER BY 1 DESC`,
      [individualId, [individualId, collectiveId]],
    );
    expect(summary).toEqual([
      { individual: true, slots: 86, days: 43, times: ['09:00', '13:30'], weekdays: [1, 2, 3, 4, 5], on_days_off: 0, first: '2027-03-02', last: '2027-04-30', capacities: [1], statuses: ['open'], booked: 0, same_time: 0 },
      { individual: false, slots: 86, days: 43, times: ['10:00', '14:30'], weekdays: [1, 2, 3, 4, 5], on_days_off: 0, first: '2027-03-02', last: '2027-04-30', capacities: [10], statuses: ['open'], booked: 0, same_time: 0 },
    ]);

    // Around Easter and the change to summer time: Friday 26 (UTC+1), nothing on the weekend or Easter Monday, Tuesday 30 (UTC+2).
    const slots = await api().get(`/convocation/territories/${RT}/slots?from=2027-03-26&to=2027-03-30`).set(callCentre).expect(200);
    expect(slots.body.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2027-03-26T08:00:00.000Z', '2027-03-26T09:00:00.000Z', '2027-03-26T12:30:00.000Z', '2027-03-26T13:30:00.000Z',
      '2027-03-30T07:00:00.000Z', '2027-03-30T08:00:00.000Z', '2027-03-30T11:30:00.000Z', '2027-03-30T12:30:00.000Z',
    ]);
    expect(slots.body[0]).toMatchObject({ placeId, placeName: `MNE ${RT} — Grand-Rue`, kind: 'orientation', reception: 'individual', durationMinutes: 60, capacity: 1, booked: 0, status: 'open' });
  });

  it('refuses bad places, agendas and slot generations with a clear error, and writes nothing', async () => {
    const before = await written();
    const refused = async (req: request.Test, status: number, code: string) => {
      const res = await req.expect(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toEqual(expect.any(String));
    };
    // Places: a territory that does not exist (the coordinator's is not it; the Département-wide coordinator learns it does not exist).
    await refused(api().post('/convocation/places').set(coordinator).send(place('nulle-part')), 403, 'ACCESS_OUT_OF_SCOPE');
    await refused(api().post('/convocation/places').set(dpo).send(place('nulle-part')), 404, 'CONVOCATION_TERRITORY_NOT_FOUND');
    await refused(api().post('/convocation/places').set(coordinator).send(place(RT, { openingHours: [{ weekday: 1, from: '14:00', to: '13:00' }] })), 422, 'CONVOCATION_INVALID_SCHEDULE');
    await refused(api().post('/convocation/places').set(coordinator).send(place(RT, { openingHours: [{ weekday: 8, from: '09:00', to: '12:00' }] })), 400, 'VALIDATION_FAILED');
    await refused(api().post('/convocation/places').set(coordinator).send(place(RT, { postcode: '591' })), 400, 'VALIDATION_FAILED');
    await refused(api().post('/convocation/places').set(coordinator).send(place(RT, { addressLines: [] })), 400, 'VALIDATION_FAILED');
    await refused(api().post('/convocation/places').set(coordinator).send(place(RT, { structureId: randomUUID() })), 422, 'CONVOCATION_INVALID_SCHEDULE');
    // A territory that does not exist is not read as an empty one.
    await refused(api().get('/convocation/territories/nulle-part/policy').set(dpo), 404, 'CONVOCATION_TERRITORY_NOT_FOUND');
    await refused(api().get('/convocation/territories/nulle-part/places').set(dpo), 404, 'CONVOCATION_TERRITORY_NOT_FOUND');
    await refused(
      api().post('/convocation/campaigns').set(dpo).send({ territoryId: 'nulle-part', name: 'Nulle part', segment: 'not-oriented', priority: 'oldest-entry', monthlyPace: 10, fromMonth: '2027-04', toMonth: '2027-06' }),
      404,
      'CONVOCATION_TERRITORY_NOT_FOUND',
    );
    // Closures last a year at most.
    await refused(api().post(`/convocation/places/${placeId}/closures`).set(coordinator).send({ fromDay: '2027-01-01', toDay: '2199-12-31', reason: 'travaux' }), 422, 'CONVOCATION_INVALID_SCHEDULE');
    // And a day past the years a day may fall in is a slip, refused before anything.
    await refused(api().post(`/convocation/places/${placeId}/closures`).set(coordinator).send({ fromDay: '2027-01-01', toDay: '9999-12-31', reason: 'travaux' }), 400, 'VALIDATION_FAILED');
    // Agendas.
    const agenda = { name: 'Co-diagnostic du mardi', kind: 'orientation', reception: 'collective', durationMinutes: 60, capacity: 4 };
    await refused(api().post(`/convocation/places/${placeId}/agendas`).set(coordinator).send({ ...agenda, capacity: 0 }), 400, 'VALIDATION_FAILED');
    await refused(api().post(`/convocation/places/${placeId}/agendas`).set(coordinator).send({ ...agenda, durationMinutes: 5 }), 400, 'VALIDATION_FAILED');
    await refused(api().post(`/convocation/places/${placeId}/agendas`).set(coordinator).send({ ...agenda, kind: 'party' }), 400, 'VALIDATION_FAILED');
    await refused(api().post(`/convocation/places/${placeId}/agendas`).set(coordinator).send({ ...agenda, expectedRoles: ['nonsense-role'] }), 400, 'VALIDATION_FAILED');
    await refused(api().post(`/convocation/places/${placeId}/agendas`).set(coordinator).send({ ...agenda, reception: 'individual', capacity: 2 }), 422, 'CONVOCATION_INVALID_SCHEDULE');
    await refused(api().post(`/convocation/places/${randomUUID()}/agendas`).set(coordinator).send(agenda), 404, 'CONVOCATION_PLACE_NOT_FOUND');
    await refused(api().post('/convocation/places/not-a-uuid/agendas').set(coordinator).send(agenda), 400, 'BAD_REQUEST');
    // Slot generations.
    const generate = (agendaId: string, body: object) => api().post(`/convocation/agendas/${agendaId}/slots`).set(coordinator).send(body);
    await refused(generate(individualId, { from: '2027-05-10', to: '2027-05-07', times: ['09:00'] }), 422, 'CONVOCATION_INVALID_SCHEDULE');
    await refused(generate(individualId, { from: '2027-05-03', to: '2027-08-31', times: ['09:00'] }), 422, 'CONVOCATION_INVALID_SCHEDULE');
    await refused(generate(individualId, { from: '2027-02-30', to: '2027-03-05', times: ['09:00'] }), 400, 'VALIDATION_FAILED');
    await refused(generate(individualId, { from: '2027-05-03', to: '2027-05-07', times: ['9h'] }), 400, 'VALIDATION_FAILED');
    await refused(generate(individualId, { from: '2027-05-03', to: '2027-05-07', times: [] }), 400, 'VALIDATION_FAILED');
    await refused(generate(collectiveId, { from: '2027-05-03', to: '2027-05-07', times: ['09:00'], capacity: 0 }), 400, 'VALIDATION_FAILED');
    // An individual appointment has one person: its slots cannot be given more.
    await refused(generate(individualId, { from: '2027-05-03', to: '2027-05-07', times: ['15:00'], capacity: 3 }), 422, 'CONVOCATION_INVALID_SCHEDULE');
    // The same professionals hold every slot of an agenda: a 60-minute appointment at 09:00 and another at 09:30 cannot both be.
    await refused(generate(individualId, { from: '2027-05-03', to: '2027-05-07', times: ['09:00', '09:30'] }), 422, 'CONVOCATION_INVALID_SCHEDULE');
    // Nor in two generations: 09:30 beside the 09:00 slots already there (the same times again are simply there already).
    const overlap = await generate(individualId, { from: '2027-04-26', to: '2027-04-30', times: ['09:30'] }).expect(422);
    expect(overlap.body.error).toMatchObject({ code: 'CONVOCATION_INVALID_SCHEDULE', details: { overlaps: 5, first: { new: '2027-04-26T07:30:00.000Z', existing: '2027-04-26T07:00:00.000Z' } } });
    await refused(generate(randomUUID(), { from: '2027-05-03', to: '2027-05-07', times: ['09:00'] }), 404, 'CONVOCATION_AGENDA_NOT_FOUND');
    // Days already over: nobody could be booked on them.
    await refused(generate(individualId, { from: '2026-11-02', to: '2026-11-06', times: ['09:00'] }), 422, 'CONVOCATION_INVALID_SCHEDULE');
    expect(await written()).toEqual(before);
    expect(await one(`SELECT count(*)::int AS n FROM convocation_slot WHERE ${paris('starts_at')}::date >= '2027-05-01'`)).toBe(0);
  });

  it('keeps the planner off the days a place is closed, and reports the appointments already booked there', async () => {
    await w.importDaily(60, 'agenda-daily', '2027-03-01');
    const entrants = await w.sql<{ person_id: string }>(
      `SELECT p.person_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN access_territory_commune tc ON tc.insee = d.commune_insee
        WHERE tc.territory_id = $1 AND p.status = 'open' ORDER BY p.person_id`,
      [RT],
    );
    // Some with a phone and an email, for the messages of the appointments cancelled later.
    await w.consent(entrants.slice(0, 6).map((e) => e.person_id), { sms: true, email: true });
    await w.plan();
    const booked = await w.sql<{ id: string; person_id: string; starts_at: Date; day: string }>(
      `SELECT id, person_id, starts_at, ${paris('starts_at')}::date::text AS day FROM convocation_appointment WHERE place_id = $1 AND status = 'planned' ORDER BY starts_at, id`,
      [placeId],
    );
    expect(booked).toHaveLength(entrants.length);
    // Two working days for the letter: Wednesday 3 March at the earliest.
    expect(booked[0].day).toBe('2027-03-03');
    const onClosedDays = booked.filter((a) => a.day === '2027-03-03' || a.day === '2027-03-04');
    expect(onClosedDays.length).toBeGreaterThan(1);

    await api().post(`/convocation/places/${placeId}/closures`).set(coordinator).send({ fromDay: '2027-03-04', toDay: '2027-03-03', reason: 'travaux' }).expect(422);
    expect(await one(`SELECT count(*)::int AS n FROM convocation_closure`)).toBe(0);
    const closure = await api().post(`/convocation/places/${placeId}/closures`).set(coordinator).send({ fromDay: '2027-03-03', toDay: '2027-03-04', reason: 'travaux' }).expect(201);
    expect(closure.body).toMatchObject({ id: expect.any(String), placeId, fromDay: '2027-03-03', toDay: '2027-03-04', reason: 'travaux' });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...closure.body.appointmentsToMove].sort(byId)).toEqual(onClosedDays.map((a) => ({ id: a.id, personId: a.person_id, startsAt: new Date(a.starts_at).toISOString() })).sort(byId));
    expect(await w.sql(`SELECT place_id, from_day::text, to_day::text, reason FROM convocation_closure`)).toEqual([{ place_id: placeId, from_day: '2027-03-03', to_day: '2027-03-04', reason: 'travaux' }]);
    // The answer names the people whose appointments are to move: the trail does too.
    const [closureEntry] = await w.sql<{ subject_ids: string[] }>(`SELECT subject_ids FROM audit_event WHERE action = 'agenda.closure.create' AND outcome = 'allowed'`);
    expect([...closureEntry.subject_ids].sort()).toEqual([...new Set(onClosedDays.map((a) => a.person_id))].sort());

    // The slots of those days are no longer offered, nor taken by hand.
    const offered = await api().get(`/convocation/territories/${RT}/slots?from=2027-03-03&to=2027-03-05&withRoom=true`).set(callCentre).expect(200);
    expect(offered.body.length).toBeGreaterThan(0);
    expect(offered.body.every((s: { startsAt: string }) => parisDateOf(new Date(s.startsAt)) === '2027-03-05')).toBe(true);
    // `withRoom=false` is every slot (full ones too), not "with room"; a yes/no is true or false, nothing else.
    const every = await api().get(`/convocation/territories/${RT}/slots?from=2027-03-03&to=2027-03-05&withRoom=false`).set(callCentre).expect(200);
    expect(every.body.length).toBeGreaterThan(offered.body.length); // the closed days' slots too
    expect(every.body.length).toBe((await api().get(`/convocation/territories/${RT}/slots?from=2027-03-03&to=2027-03-05`).set(callCentre).expect(200)).body.length);
    for (const odd of ['0', 'yes', 'TRUE']) await api().get(`/convocation/territories/${RT}/slots?from=2027-03-03&to=2027-03-05&withRoom=${odd}`).set(callCentre).expect(400);
    await api().get(`/convocation/territories/${RT}/slots?from=9999-12-30&to=9999-12-31`).set(callCentre).expect(400);
    const [closedFree] = await w.sql<{ id: string }>(`SELECT id FROM convocation_slot WHERE place_id = $1 AND booked < capacity AND ${paris('starts_at')}::date = '2027-03-04' ORDER BY starts_at LIMIT 1`, [placeId]);
    expect(closedFree).toBeDefined();
    const [first, ...others] = closure.body.appointmentsToMove as { id: string; personId: string }[];
    const refused = await api().post(`/convocation/appointments/${first.id}/move`).set(coordinator).send({ slotId: closedFree.id, reasonCode: 'place-closed' }).expect(409);
    expect(refused.body.error.code).toBe('CONVOCATION_SLOT_FULL');
    // The refused move is in the person's trail, with its code; nothing of it was written.
    const [failedMove] = await w.sql<{ outcome: string; subject_ids: string[]; target_id: string; detail: { code: string } }>(
      `SELECT outcome, subject_ids, target_id, detail FROM audit_event WHERE action = 'appointment.move' ORDER BY seq DESC LIMIT 1`,
    );
    expect(failedMove).toEqual({ outcome: 'failed', subject_ids: [first.personId], target_id: first.id, detail: { code: 'CONVOCATION_SLOT_FULL' } });
    const open = offered.body.find((s: { reception: string }) => s.reception === 'individual');
    // One of its messages is in a sender's hands as the move goes through: cancelled with the others,
    // so that the sender, putting it back to wait, does not revive a message of the old date.
    const [inHand] = await w.sql<{ id: string }>(`UPDATE notification_message SET status = 'sending', claimed_at = now() WHERE id = (SELECT id FROM notification_message WHERE appointment_id = $1 AND status = 'pending' ORDER BY id LIMIT 1) RETURNING id`, [first.id]);
    const moved = await api().post(`/convocation/appointments/${first.id}/move`).set(coordinator).send({ slotId: open.id, reasonCode: 'place-closed' }).expect(200);
    expect(inHand).toBeDefined();
    expect(await w.sql(`SELECT status, outcome FROM notification_message WHERE id = $1`, [inHand.id])).toEqual([{ status: 'cancelled', outcome: 'appointment-moved' }]);
    expect(moved.body).toMatchObject({ status: 'moved', version: 2, startsAt: open.startsAt });

    // The others are cancelled and convened again by the planner: never on the closed days, though their slots have room again.
    for (const a of others) await api().post(`/convocation/appointments/${a.id}/cancel`).set(coordinator).send({ reasonCode: 'place-closed' }).expect(200);
    const room = `SELECT sum(capacity - booked)::int AS n FROM convocation_slot WHERE place_id = $1 AND kind = 'orientation' AND status = 'open' AND ${paris('starts_at')}::date BETWEEN '2027-03-03' AND '2027-03-04'`;
    expect(await one(room, [placeId])).toBeGreaterThanOrEqual(others.length);
    const report = (await w.plan()) as { convened: number };
    expect(report.convened).toBe(others.length);
    expect(
      await one(`SELECT count(*)::int AS n FROM convocation_appointment WHERE place_id = $1 AND status IN ('planned', 'confirmed', 'moved') AND ${paris('starts_at')}::date BETWEEN '2027-03-03' AND '2027-03-04'`, [placeId]),
    ).toBe(0);
    const again = await w.sql<{ day: string }>(
      `SELECT ${paris('starts_at')}::date::text AS day FROM convocation_appointment WHERE person_id = ANY($1::uuid[]) AND status = 'planned'`,
      [others.map((a) => a.personId)],
    );
    expect(again).toHaveLength(others.length);
    for (const a of again) expect(a.day >= '2027-03-05' && a.day <= '2027-03-16').toBe(true);

    // Slots generated later leave the closed days out as well.
    const jalon = (await api().post(`/convocation/places/${placeId}/agendas`).set(coordinator).send({ name: 'Atelier', kind: 'jalon', reception: 'collective', durationMinutes: 90, capacity: 8 }).expect(201)).body.id;
    expect((await api().post(`/convocation/agendas/${jalon}/slots`).set(coordinator).send({ from: '2027-03-03', to: '2027-03-05', times: ['14:00'] }).expect(201)).body).toMatchObject({ created: 1 });
    expect(await w.sql(`SELECT ${paris('starts_at')}::date::text AS day FROM convocation_slot WHERE agenda_id = $1`, [jalon])).toEqual([{ day: '2027-03-05' }]);
    expect(await slotDrift()).toBe(0);
  });

  it('never holds more people on a slot than its capacity: by hand, two bookings at once, or by the planner', async () => {
    // Lille had no slot: its entrants wait, and its coordinator is alerted.
    const waiting = await waitingIn('lille');
    expect(waiting.length).toBeGreaterThanOrEqual(5);
    lillePlaceId = (await api().post('/convocation/places').set(dpo).send(place('lille', { postcode: '59000', city: 'Lille' })).expect(201)).body.id;
    const agendaId = (
      await api().post(`/convocation/places/${lillePlaceId}/agendas`).set(dpo).send({ name: 'Information collective', kind: 'orientation', reception: 'collective', durationMinutes: 60, capacity: 2 }).expect(201)
    ).body.id;
    await api().post(`/convocation/agendas/${agendaId}/slots`).set(dpo).send({ from: '2027-03-05', to: '2027-03-05', times: ['09:30'] }).expect(201);
    await api().post(`/convocation/agendas/${agendaId}/slots`).set(dpo).send({ from: '2027-03-05', to: '2027-03-05', times: ['14:00'], capacity: 1 }).expect(201);
    const slots = await api().get('/convocation/territories/lille/slots?from=2027-03-01&to=2027-03-31&withRoom=true').set(callCentre).expect(200);
    const [two, single] = slots.body as { id: string; capacity: number }[];
    expect(slots.body.map((s: { capacity: number }) => s.capacity)).toEqual([2, 1]);

    const book = (pathId: string, slotId: string) => api().post(`/convocation/paths/${pathId}/appointments`).set(callCentre).send({ slotId });
    const firstBooking = await book(waiting[0].path_id, two.id).expect(201);
    expect(firstBooking.body).toMatchObject({ pathId: waiting[0].path_id, status: 'planned', version: 1, placeId: lillePlaceId, reception: 'collective' });
    await book(waiting[1].path_id, two.id).expect(201);
    const full = await book(waiting[2].path_id, two.id).expect(409);
    expect(full.body.error.code).toBe('CONVOCATION_SLOT_FULL');
    expect(await w.sql(`SELECT booked, capacity FROM convocation_slot WHERE id = $1`, [two.id])).toEqual([{ booked: 2, capacity: 2 }]);
    expect(await activeOn(two.id)).toBe(2);
    expect(await track(waiting[2].path_id)).toMatchObject({ state: 'no-slot', appointment_id: null });
    // Someone already convened has nothing more to book.
    expect((await book(waiting[0].path_id, single.id).expect(409)).body.error.code).toBe('CONVOCATION_NOTHING_TO_BOOK');
    // The booking resolved the person's no-slot alert.
    expect(await w.sql(`SELECT resolved_by FROM convocation_alert WHERE path_id = $1 AND kind = 'no-slot'`, [waiting[0].path_id])).toEqual([{ resolved_by: professional(DEMO_SUBJECTS.callCentre) }]);

    // Two people for the last place at the same time: one gets it.
    const race = await Promise.all([book(waiting[2].path_id, single.id), book(waiting[3].path_id, single.id)]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await w.sql(`SELECT booked FROM convocation_slot WHERE id = $1`, [single.id])).toEqual([{ booked: 1 }]);
    expect(await activeOn(single.id)).toBe(1);

    // The planner, looking again an hour later for those still waiting, finds no room either.
    w.clock.set('2027-03-01T09:30:00+01:00');
    const report = (await w.plan()) as { considered: number; convened: number };
    expect(report.considered).toBeGreaterThan(0);
    expect(await activeOn(two.id)).toBe(2);
    expect(await activeOn(single.id)).toBe(1);
    expect(await one(`SELECT count(*)::int AS n FROM convocation_appointment a JOIN convocation_slot s ON s.id = a.slot_id WHERE s.territory_id = 'lille'`)).toBe(3);
    expect(await slotDrift()).toBe(0);
  });

  it('cancels only a slot nobody is booked on: its appointments are moved or cancelled first, then nobody gets it', async () => {
    const [two] = await w.sql<{ id: string }>(`SELECT id FROM convocation_slot WHERE place_id = $1 AND capacity = 2`, [lillePlaceId]);
    const onIt = await w.sql<{ id: string; path_id: string }>(`SELECT id, path_id FROM convocation_appointment WHERE slot_id = $1 AND status = 'planned' ORDER BY id`, [two.id]);
    expect(onIt).toHaveLength(2);
    const refused = await api().post(`/convocation/slots/${two.id}/cancel`).set(dpo).expect(409);
    expect(refused.body.error.code).toBe('CONVOCATION_SLOT_BOOKED');
    expect(await w.sql(`SELECT status, booked FROM convocation_slot WHERE id = $1`, [two.id])).toEqual([{ status: 'open', booked: 2 }]);
    expect(await w.sql(`SELECT status FROM convocation_appointment WHERE slot_id = $1 ORDER BY id`, [two.id])).toEqual([{ status: 'planned' }, { status: 'planned' }]);

    for (const a of onIt) await api().post(`/convocation/appointments/${a.id}/cancel`).set(callCentre).send({ reasonCode: 'professional-absent' }).expect(200);
    expect(await w.sql(`SELECT booked FROM convocation_slot WHERE id = $1`, [two.id])).toEqual([{ booked: 0 }]);
    expect((await api().post(`/convocation/slots/${two.id}/cancel`).set(dpo).expect(200)).body).toEqual({ id: two.id, status: 'cancelled' });
    expect(await w.sql(`SELECT status FROM convocation_slot WHERE id = $1`, [two.id])).toEqual([{ status: 'cancelled' }]);
    await api().post(`/convocation/slots/${randomUUID()}/cancel`).set(dpo).expect(404);

    // Nobody takes it any more: not by hand, not the planner, and it is no longer offered.
    const waiting = await waitingIn('lille');
    expect((await api().post(`/convocation/paths/${waiting[0].path_id}/appointments`).set(callCentre).send({ slotId: two.id }).expect(409)).body.error.code).toBe('CONVOCATION_SLOT_FULL');
    const offered = await api().get('/convocation/territories/lille/slots?from=2027-03-01&to=2027-03-31&withRoom=true').set(callCentre).expect(200);
    expect(offered.body.map((s: { id: string }) => s.id)).not.toContain(two.id);
    const listed = await api().get('/convocation/territories/lille/slots?from=2027-03-01&to=2027-03-31').set(callCentre).expect(200);
    expect(listed.body.find((s: { id: string }) => s.id === two.id)).toMatchObject({ status: 'cancelled', booked: 0 });
    // The two cancelled are to be convened again: the planner finds them no slot in Lille.
    for (const a of onIt) expect(await track(a.path_id)).toMatchObject({ state: 'to-plan', appointment_id: null });
    await w.plan();
    expect(await activeOn(two.id)).toBe(0);
    for (const a of onIt) expect(await track(a.path_id)).toMatchObject({ state: 'no-slot' });
  });

  it('confirms and cancels an appointment by hand: its pending messages are dropped, and every change is an event with who and when', async () => {
    // The sending window is open: letters, SMS and emails go, reminders wait for their day.
    w.clock.set('2027-03-01T10:00:00+01:00');
    await w.sweep();
    await w.drain();
    const [a] = await w.sql<{ id: string; person_id: string; path_id: string; slot_id: string }>(
      `SELECT a.id, a.person_id, a.path_id, a.slot_id FROM convocation_appointment a
        WHERE a.place_id = $1 AND a.status = 'planned' AND (SELECT count(*) FROM convocation_appointment_event e WHERE e.appointment_id = a.id) = 1
          AND EXISTS (SELECT 1 FROM notification_message m WHERE m.appointment_id = a.id AND m.kind = 'reminder' AND m.status = 'pending')
        ORDER BY a.starts_at LIMIT 1`,
      [placeId],
    );
    expect(a).toBeDefined();
    const messages = () => w.sql<{ channel: string; kind: string; status: string; outcome: string | null }>(`SELECT channel, kind, status, outcome FROM notification_message WHERE appointment_id = $1 ORDER BY channel, kind`, [a.id]);
    expect(await messages()).toEqual([
      { channel: 'email', kind: 'convocation', status: 'sent', outcome: null },
      { channel: 'letter', kind: 'convocation', status: 'sent', outcome: null },
      { channel: 'sms', kind: 'convocation', status: 'sent', outcome: null },
      { channel: 'sms', kind: 'reminder', status: 'pending', outcome: null },
    ]);
    const [{ booked }] = await w.sql<{ booked: number }>(`SELECT booked FROM convocation_slot WHERE id = $1`, [a.slot_id]);

    w.clock.set('2027-03-01T10:05:00+01:00');
    expect((await api().post(`/convocation/appointments/${a.id}/confirm`).set(callCentre).expect(200)).body).toMatchObject({ id: a.id, status: 'confirmed', version: 1 });
    w.clock.set('2027-03-01T10:20:00+01:00');
    await api().post(`/convocation/appointments/${a.id}/cancel`).set(coordinator).send({ reasonCode: 'because' }).expect(400);
    expect((await api().post(`/convocation/appointments/${a.id}/cancel`).set(coordinator).send({ reasonCode: 'person-request' }).expect(200)).body).toMatchObject({ id: a.id, status: 'cancelled' });

    // What was sent stays sent; what was waiting is dropped; the person is told it is off, each way they were told of it.
    expect(await messages()).toEqual([
      { channel: 'email', kind: 'cancelled', status: 'pending', outcome: null },
      { channel: 'email', kind: 'convocation', status: 'sent', outcome: null },
      { channel: 'letter', kind: 'cancelled', status: 'pending', outcome: null },
      { channel: 'letter', kind: 'convocation', status: 'sent', outcome: null },
      { channel: 'sms', kind: 'cancelled', status: 'pending', outcome: null },
      { channel: 'sms', kind: 'convocation', status: 'sent', outcome: null },
      { channel: 'sms', kind: 'reminder', status: 'cancelled', outcome: 'appointment-ended' },
    ]);
    const [{ phone }] = await w.sql<{ phone: string }>(`SELECT phone FROM beneficiary_contact WHERE person_id = $1`, [a.person_id]);
    w.sms.clear();
    await w.drain();
    expect((await messages()).filter((m) => m.kind === 'cancelled').map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
    expect(w.sms.messages().map((m) => [m.to, /annulé/.test(m.text)])).toEqual([[phone, true]]);
    expect(await w.sql(`SELECT booked FROM convocation_slot WHERE id = $1`, [a.slot_id])).toEqual([{ booked: booked - 1 }]);
    expect(await track(a.path_id)).toMatchObject({ state: 'to-plan', appointment_id: null });
    const events = await w.sql<{ status_from: string | null; status_to: string; by: string; reason: string | null; at: Date }>(
      `SELECT status_from, status_to, by, reason, at FROM convocation_appointment_event WHERE appointment_id = $1 ORDER BY at, id`,
      [a.id],
    );
    expect(events).toEqual([
      { status_from: null, status_to: 'planned', by: 'system:convocation-planner', reason: 'convocation', at: new Date('2027-03-01T08:00:00+01:00') },
      { status_from: 'planned', status_to: 'confirmed', by: professional(DEMO_SUBJECTS.callCentre), reason: null, at: new Date('2027-03-01T10:05:00+01:00') },
      { status_from: 'confirmed', status_to: 'cancelled', by: professional(DEMO_SUBJECTS.coordinatorRoubaix), reason: 'person-request', at: new Date('2027-03-01T10:20:00+01:00') },
    ]);
    // Ended: nothing more to change.
    for (const action of ['confirm', 'cancel'])
      expect((await api().post(`/convocation/appointments/${a.id}/${action}`).set(coordinator).send({ reasonCode: 'person-request' }).expect(409)).body.error.code).toBe('CONVOCATION_APPOINTMENT_NOT_ACTIVE');
    // Both tries are in the person's trail, refused for what they asked.
    expect(
      await w.sql(`SELECT action, outcome, detail->>'code' AS code FROM audit_event WHERE target_id = $1 AND outcome = 'failed' ORDER BY seq`, [a.id]),
    ).toEqual([
      { action: 'appointment.confirm', outcome: 'failed', code: 'CONVOCATION_APPOINTMENT_NOT_ACTIVE' },
      { action: 'appointment.cancel', outcome: 'failed', code: 'CONVOCATION_APPOINTMENT_NOT_ACTIVE' },
    ]);
    await api().post(`/convocation/appointments/${randomUUID()}/confirm`).set(coordinator).expect(404);

    // Convened again by the planner; no longer needed, the convocation ends there.
    await w.plan();
    const [next] = await w.sql<{ id: string }>(`SELECT id FROM convocation_appointment WHERE path_id = $1 AND status = 'planned'`, [a.path_id]);
    expect(next).toBeDefined();
    const history = await api().get(`/beneficiaries/${a.person_id}/convocations`).set(callCentre).expect(200);
    // (The person's first appointment, on a day the place closed, was cancelled before: see the closure.)
    const seen = history.body.appointments.map((x: { id: string; status: string; events: { to: string }[] }) => [x.id, x.status, x.events.map((e) => e.to)]);
    expect(seen.slice(-2)).toEqual([
      [a.id, 'cancelled', ['planned', 'confirmed', 'cancelled']],
      [next.id, 'planned', ['planned']],
    ]);
    // Only a coordinator ends a convocation for good: the call centre, who may move and cancel, may not.
    const callCentreCannot = await api().post(`/convocation/appointments/${next.id}/cancel`).set(callCentre).send({ reasonCode: 'no-longer-needed' }).expect(403);
    expect(callCentreCannot.body.error.code).toBe('ACCESS_FORBIDDEN');
    await api().post(`/convocation/appointments/${next.id}/cancel`).set(coordinator).send({ reasonCode: 'no-longer-needed' }).expect(200);
    // Its convocation had not gone out yet: dropped, and nothing to tell.
    expect(await w.sql(`SELECT kind, status FROM notification_message WHERE appointment_id = $1 AND (kind = 'cancelled' OR status <> 'cancelled')`, [next.id])).toEqual([]);
    expect(await track(a.path_id)).toMatchObject({ state: 'closed' });
    w.clock.set('2027-03-01T10:30:00+01:00');
    await w.plan();
    expect(await one(`SELECT count(*)::int AS n FROM convocation_appointment WHERE path_id = $1 AND status IN ('planned', 'confirmed', 'moved')`, [a.path_id])).toBe(0);
    expect(await one(`SELECT count(*)::int AS n FROM notification_message WHERE appointment_id = $1 AND status = 'pending'`, [next.id])).toBe(0);
    expect(await slotDrift()).toBe(0);
  });

  it('reads and changes a territory’s policy, and refuses a bad one with a clear error', async () => {
    expect((await api().get(`/convocation/territories/${RT}/policy`).set(callCentre).expect(200)).body).toEqual({ territoryId: RT, ...DEFAULT_POLICY });
    const policy = { ...DEFAULT_POLICY, minLeadWorkingDays: 5, relanceWithinDays: 12 };
    const changed = await api().put(`/convocation/territories/${RT}/policy`).set(coordinator).send(policy);
    expect(changed.body).toEqual({ territoryId: RT, ...policy });
    expect(changed.status).toBe(200);
    expect(await w.sql(`SELECT min_lead_working_days, relance_within_days, send_from, updated_by FROM convocation_policy WHERE territory_id = $1`, [RT])).toEqual([
      { min_lead_working_days: 5, relance_within_days: 12, send_from: '09:00', updated_by: professional(DEMO_SUBJECTS.coordinatorRoubaix) },
    ]);

    const refused = async (body: object, status: number, code: string) => {
      const res = await api().put(`/convocation/territories/${RT}/policy`).set(coordinator).send(body).expect(status);
      expect(res.body.error.code).toBe(code);
    };
    await refused({ ...policy, sendFrom: '19:00', sendUntil: '09:00' }, 422, 'CONVOCATION_INVALID_SCHEDULE');
    await refused({ ...policy, sendUntil: '09:00' }, 422, 'CONVOCATION_INVALID_SCHEDULE');
    await refused({ ...policy, invitationReminderDays: 6, invitationExpiryDays: 6 }, 422, 'CONVOCATION_INVALID_SCHEDULE');
    await refused({ ...policy, relanceWithinDays: -3 }, 400, 'VALIDATION_FAILED');
    await refused({ ...policy, maxRelances: -1 }, 400, 'VALIDATION_FAILED');
    await refused({ ...policy, minLeadWorkingDays: 1.5 }, 400, 'VALIDATION_FAILED');
    await refused({ ...policy, sendFrom: '25:00' }, 400, 'VALIDATION_FAILED');
    // Never at night, and never a letter leaving the day of its appointment.
    await refused({ ...policy, sendFrom: '00:00', sendUntil: '23:59' }, 400, 'VALIDATION_FAILED');
    await refused({ ...policy, sendFrom: '07:00' }, 400, 'VALIDATION_FAILED');
    await refused({ ...policy, sendUntil: '21:00' }, 400, 'VALIDATION_FAILED');
    await refused({ ...policy, minLeadWorkingDays: 0 }, 400, 'VALIDATION_FAILED');
    const { inviteFirst: _missing, ...incomplete } = policy;
    await refused(incomplete, 400, 'VALIDATION_FAILED');
    await refused({ ...policy, smsAtNight: true }, 400, 'VALIDATION_FAILED');
    await api().put('/convocation/territories/Not_A_Territory/policy').set(dpo).send(policy).expect(400);
    // A Département-wide coordinator may set any territory's policy, but not one of a territory that does not exist.
    expect((await api().put('/convocation/territories/atlantis/policy').set(dpo).send(policy).expect(404)).body.error.code).toBe('CONVOCATION_TERRITORY_NOT_FOUND');
    // Nobody else changes it.
    await api().put('/convocation/territories/lille/policy').set(coordinator).send(policy).expect(403);
    await api().put(`/convocation/territories/${RT}/policy`).set(callCentre).send(policy).expect(403);
    await api().put(`/convocation/territories/${RT}/policy`).set(referent).send(policy).expect(403);
    expect((await api().get(`/convocation/territories/${RT}/policy`).set(referent).expect(200)).body).toEqual({ territoryId: RT, ...policy });
    expect(await one(`SELECT count(*)::int AS n FROM convocation_policy`)).toBe(1);
  });

  it('plans with the territory’s new policy: the lead time before a first appointment, the relance deadline', async () => {
    // 5 working days of lead: Monday 8 March at the earliest for a letter leaving on Monday 1 (Friday 5 still has room).
    w.clock.set('2027-03-01T11:00:00+01:00');
    const before = await w.sql<{ id: string }>(`SELECT id FROM convocation_appointment`);
    await w.importDaily(30, 'agenda-daily-2', '2027-03-01');
    const report = (await w.plan()) as { convened: number };
    const fresh = await w.sql<{ day: string }>(
      `SELECT ${paris('starts_at')}::date::text AS day FROM convocation_appointment WHERE place_id = $1 AND NOT (id = ANY($2::uuid[])) ORDER BY starts_at`,
      [placeId, before.map((b) => b.id)],
    );
    expect(fresh.length).toBeGreaterThan(0);
    expect(report.convened).toBeGreaterThanOrEqual(fresh.length);
    expect(fresh[0].day).toBe('2027-03-08');
    // There was room earlier (the default policy would have used it).
    expect(await one(`SELECT count(*)::int AS n FROM convocation_slot WHERE place_id = $1 AND kind = 'orientation' AND booked < capacity AND ${paris('starts_at')}::date = '2027-03-05'`, [placeId])).toBeGreaterThan(0);

    // A relance within 4 days of the absence rather than 10.
    await api().put(`/convocation/territories/${RT}/policy`).set(coordinator).send({ ...DEFAULT_POLICY, relanceWithinDays: 4 }).expect(200);
    const [missed] = await w.sql<{ id: string; path_id: string; starts_at: Date }>(
      `SELECT id, path_id, starts_at FROM convocation_appointment WHERE place_id = $1 AND status IN ('planned', 'moved') ORDER BY starts_at, id LIMIT 1`,
      [placeId],
    );
    w.clock.set(new Date(new Date(missed.starts_at).getTime() + 3600_000));
    const today = parisDateOf(w.clock.now());
    expect(today).toBe('2027-03-05');
    expect((await api().post(`/convocation/appointments/${missed.id}/attendance`).set(coordinator).send({ attendance: 'absent' }).expect(200)).body.next).toBe('relance');
    expect(await track(missed.path_id)).toMatchObject({ state: 'to-plan', deadline: addDays(today, 4), attempts: 1, last_outcome: 'absent' });
    await w.plan();
    const [relance] = await w.sql<{ id: string; day: string; attempt: number }>(
      `SELECT id, ${paris('starts_at')}::date::text AS day, attempt FROM convocation_appointment WHERE path_id = $1 AND status = 'planned'`,
      [missed.path_id],
    );
    // Friday 5: two working days for the letter make it Tuesday 9, the last day allowed.
    expect(relance).toMatchObject({ day: '2027-03-09', attempt: 1 });
    expect(await w.sql(`SELECT kind FROM notification_message WHERE appointment_id = $1 AND channel = 'letter'`, [relance.id])).toEqual([{ kind: 'relance' }]);
    expect(await track(missed.path_id)).toMatchObject({ state: 'convened', appointment_id: relance.id, last_outcome: 'absent' });
    await api().put(`/convocation/territories/${RT}/policy`).set(coordinator).send(DEFAULT_POLICY).expect(200);
  });

  it('never records absent someone whose appointment was just moved to a later day (a move and an attendance at once)', async () => {
    const started = await w.sql<{ id: string; starts_at: Date }>(
      `SELECT id, starts_at FROM convocation_appointment WHERE status IN ('planned', 'moved') AND starts_at <= $1 ORDER BY starts_at DESC, id LIMIT 4`,
      [w.clock.now()],
    );
    expect(started.length).toBeGreaterThan(0);
    const later = await w.sql<{ id: string }>(
      `SELECT s.id FROM convocation_slot s WHERE s.territory_id = $1 AND s.kind = 'orientation' AND s.reception = 'individual' AND s.status = 'open' AND s.booked < s.capacity
          AND s.starts_at > $2::timestamptz + interval '3 days'
          AND NOT EXISTS (SELECT 1 FROM convocation_closure c WHERE c.place_id = s.place_id AND (s.starts_at AT TIME ZONE 'Europe/Paris')::date BETWEEN c.from_day AND c.to_day)
        ORDER BY s.starts_at LIMIT $3`,
      [RT, w.clock.now(), started.length],
    );
    expect(later).toHaveLength(started.length);
    const outcomes = await Promise.all(
      started.map((a, i) =>
        Promise.all([
          api().post(`/convocation/appointments/${a.id}/move`).set(callCentre).send({ slotId: later[i].id, reasonCode: 'person-request' }),
          api().post(`/convocation/appointments/${a.id}/attendance`).set(coordinator).send({ attendance: 'absent' }),
        ]),
      ),
    );
    for (const [i, [move, attendance]] of outcomes.entries()) {
      // One of the two, never both.
      expect([move.status, attendance.status].sort()).toEqual([200, 409]);
      const [now] = await w.sql<{ status: string; future: boolean }>(`SELECT status, starts_at > $2 AS future FROM convocation_appointment WHERE id = $1`, [started[i].id, w.clock.now()]);
      expect(now).toEqual(move.status === 200 ? { status: 'moved', future: true } : { status: 'absent', future: false });
    }
    expect(await slotDrift()).toBe(0);
  });

  it('ranks the members of a stock reprise campaign by its priority rule, and leaves them to the campaign', async () => {
    // What the earlier scenarios planned goes out the day it was planned (a letter sent days late
    // would reach its person after the appointment, and the sender would convene them again).
    await w.drain();
    // Monday 8 March: the monthly file brings the territory's stock.
    w.clock.set('2027-03-08T08:00:00+01:00');
    await w.importMonthly(90, 'agenda-stock', '2027-03-04');
    const stock = await w.sql<{ path_id: string }>(
      `SELECT p.id AS path_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN access_territory_commune tc ON tc.insee = d.commune_insee AND tc.territory_id = $1
        WHERE p.status = 'open' AND p.origin = 'stock' AND NOT EXISTS (SELECT 1 FROM convocation_track t WHERE t.path_id = p.id) ORDER BY p.id`,
      [RT],
    );
    expect(stock.length).toBeGreaterThanOrEqual(14);
    // The planner convenes the daily flux, not the stock.
    await w.plan();
    expect(await one(`SELECT count(*)::int AS n FROM convocation_track WHERE origin = 'stock'`)).toBe(0);

    const body = { territoryId: RT, name: 'Reprise du stock 2027', segment: 'not-oriented', priority: 'longest-in-rsa', monthlyPace: 11, fromMonth: '2027-03', toMonth: '2027-05' };
    const created = await api().post('/convocation/campaigns').set(coordinator).send(body).expect(201);
    notOrientedCampaignId = created.body.id;
    expect(created.body).toEqual({ id: expect.any(String), ...body, members: stock.length });
    const members = await w.sql<{ path_id: string; rank: number; dtdemrsa: string }>(
      `SELECT cm.path_id, cm.rank, d.dtdemrsa::text AS dtdemrsa FROM convocation_campaign_member cm JOIN beneficiary_path p ON p.id = cm.path_id JOIN beneficiary_dossier d ON d.id = p.dossier_id
        WHERE cm.campaign_id = $1 ORDER BY cm.rank`,
      [notOrientedCampaignId],
    );
    expect(members.map((m) => m.path_id).sort()).toEqual(stock.map((s) => s.path_id));
    expect(members.map((m) => m.rank)).toEqual(members.map((_, i) => i + 1));
    // The longest in the RSA first: the oldest DTDEMRSA.
    const dates = members.map((m) => m.dtdemrsa);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBeGreaterThan(1);
    expect(await w.sql(`SELECT territory_id, status, monthly_pace, from_month, to_month, created_by FROM convocation_campaign WHERE id = $1`, [notOrientedCampaignId])).toEqual([
      { territory_id: RT, status: 'active', monthly_pace: 11, from_month: '2027-03', to_month: '2027-05', created_by: professional(DEMO_SUBJECTS.coordinatorRoubaix) },
    ]);
    expect((await api().get(`/convocation/campaigns/${notOrientedCampaignId}`).set(coordinator).expect(200)).body).toMatchObject({
      members: stock.length, released: 0, convened: 0, honoured: 0, releasedThisMonth: 0, remaining: stock.length, status: 'active',
    });
  });

  it('releases a campaign day by day at its monthly pace, in proportion to the working days gone by and never beyond; the planner convenes them', async () => {
    const released = () => w.sql<{ path_id: string; rank: number }>(`SELECT path_id, rank FROM convocation_campaign_member WHERE campaign_id = $1 AND released_at IS NOT NULL ORDER BY rank`, [notOrientedCampaignId]);
    const progress = async () => (await api().get(`/convocation/campaigns/${notOrientedCampaignId}`).set(coordinator).expect(200)).body;
    const { members } = await progress();

    // Monday 8 March, the 6th of 22 working days: ceil(11 × 6 / 22) = 3, the first three ranks.
    expect(await w.release()).toEqual({ campaigns: 1, released: 3 });
    expect((await released()).map((m) => m.rank)).toEqual([1, 2, 3]);
    for (const m of await released()) expect(await track(m.path_id)).toMatchObject({ state: 'to-plan', origin: 'stock', campaign_id: notOrientedCampaignId, territory_id: RT, deadline: '2027-03-23' });
    // The release names whom it convenes in the trail, as the ranking named the members.
    const releasedPersons = await w.sql<{ person_id: string }>(`SELECT person_id FROM convocation_campaign_member WHERE campaign_id = $1 AND released_at IS NOT NULL ORDER BY person_id`, [notOrientedCampaignId]);
    const [releaseEntry] = await w.sql<{ subject_ids: string[] }>(`SELECT subject_ids FROM audit_event WHERE action = 'convocation.campaign.release' AND target_id = $1`, [notOrientedCampaignId]);
    expect([...releaseEntry.subject_ids].sort()).toEqual(releasedPersons.map((r) => r.person_id));
    const [createEntry] = await w.sql<{ n: number }>(`SELECT cardinality(subject_ids) AS n FROM audit_event WHERE action = 'convocation.campaign.create' AND target_id = $1`, [notOrientedCampaignId]);
    expect(createEntry.n).toBe(members);
    // Again the same day: nothing more.
    expect(await w.release()).toEqual({ campaigns: 1, released: 0 });
    const report = (await w.plan()) as { convened: number };
    expect(report.convened).toBe(3);
    for (const m of await released()) {
      const t = await track(m.path_id);
      expect(t.state).toBe('convened');
      const [a] = await w.sql<{ day: string }>(`SELECT ${paris('starts_at')}::date::text AS day FROM convocation_appointment WHERE id = $1`, [t.appointment_id]);
      expect(a.day >= '2027-03-10' && a.day <= '2027-03-23').toBe(true);
    }
    expect(await progress()).toMatchObject({ members, released: 3, convened: 3, releasedThisMonth: 3, remaining: members - 3 });
    // Those not released yet have no track: the planner leaves them alone.
    expect(await one(`SELECT count(*)::int AS n FROM convocation_track t JOIN convocation_campaign_member cm ON cm.path_id = t.path_id AND cm.released_at IS NULL`)).toBe(0);

    // The convocations planned so far go out as the worker sends them, before the clock moves on
    // (a letter still unsent when its appointment begins is convened again: convocation-too-late).
    await w.drain();
    // Friday 12, the 10th working day: 5 in all, through the worker's job.
    w.clock.set('2027-03-12T06:00:00+01:00');
    await w.app.get(JobProducer).enqueue(RELEASE_CAMPAIGNS_JOB, {});
    await w.drain();
    expect((await released()).map((m) => m.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(((await w.plan()) as { convened: number }).convened).toBe(2);

    // Wednesday 31, the last of 22 working days: the month's 11, not one more; released by hand this
    // time, the operator's command (the worker down that morning), its process's clock at that morning.
    w.clock.set('2027-03-31T06:00:00+02:00');
    const byHand = async () => {
      let stdout = '';
      const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } };
      const code = await runCli(['convocation:release-campaigns', '--json'], io, w.config.with({ clockStart: w.clock.now() }));
      return { code, report: JSON.parse(stdout) };
    };
    expect(await byHand()).toEqual({ code: 0, report: { campaigns: 1, released: 6 } });
    expect(await byHand()).toEqual({ code: 0, report: { campaigns: 1, released: 0 } });
    // The command's clock ran on from 06:00 while it worked: the planner's, a minute later, finds them due.
    w.clock.set('2027-03-31T06:01:00+02:00');
    expect(await w.release()).toEqual({ campaigns: 1, released: 0 });
    expect((await released()).map((m) => m.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    await w.plan();
    expect(await progress()).toMatchObject({ released: 11, convened: 11, releasedThisMonth: 11, remaining: members - 11 });

    // Thursday 1 April, the 1st of 22: a new month, ceil(11 / 22) = 1.
    w.clock.set('2027-04-01T06:00:00+02:00');
    expect(await w.release()).toEqual({ campaigns: 1, released: 1 });
    expect(await one(`SELECT count(*)::int AS n FROM convocation_campaign_member WHERE campaign_id = $1 AND ${paris('released_at')}::date = '2027-04-01'`, [notOrientedCampaignId])).toBe(1);
    await w.plan();
    const now = await progress();
    expect(now).toMatchObject({ members, released: 12, convened: 12, honoured: 0, releasedThisMonth: 1, remaining: members - 12, status: 'active' });
    const list = await api().get(`/convocation/territories/${RT}/campaigns`).set(coordinator).expect(200);
    expect(list.body).toEqual([now]);
    expect(await slotDrift()).toBe(0);
  });

  it('refuses a bad campaign with a clear error, and never puts anyone in two campaigns at once', async () => {
    const before = await written();
    const body = { territoryId: RT, name: 'Reprise bis', segment: 'not-oriented', priority: 'oldest-entry', monthlyPace: 20, fromMonth: '2027-04', toMonth: '2027-06' };
    const refused = async (patch: object, status: number, code: string) => {
      const res = await api().post('/convocation/campaigns').set(coordinator).send({ ...body, ...patch }).expect(status);
      expect(res.body.error.code).toBe(code);
    };
    await refused({ fromMonth: '2027-06', toMonth: '2027-04' }, 422, 'CONVOCATION_INVALID_SCHEDULE');
    // Over before this month: it would rank people and release none of them.
    await refused({ fromMonth: '2025-01', toMonth: '2026-06' }, 422, 'CONVOCATION_INVALID_SCHEDULE');
    await refused({ monthlyPace: 0 }, 400, 'VALIDATION_FAILED');
    await refused({ monthlyPace: -5 }, 400, 'VALIDATION_FAILED');
    await refused({ segment: 'everyone' }, 400, 'VALIDATION_FAILED');
    await refused({ priority: 'youngest' }, 400, 'VALIDATION_FAILED');
    await refused({ toMonth: '2027-13' }, 400, 'VALIDATION_FAILED');
    await refused({ territoryId: 'lille' }, 403, 'ACCESS_OUT_OF_SCOPE');
    expect(await written()).toEqual(before);

    // The same segment again: those not released are the first campaign's, those released have their convocation.
    const second = await api().post('/convocation/campaigns').set(coordinator).send(body).expect(201);
    expect(second.body.members).toBe(0);
    expect(await one(`SELECT count(*)::int AS n FROM (SELECT path_id FROM convocation_campaign_member GROUP BY path_id HAVING count(*) > 1) x`)).toBe(0);
    expect((await api().get(`/convocation/campaigns/${notOrientedCampaignId}`).set(coordinator).expect(200)).body).toMatchObject({ released: 12 });
    // Nobody to release: it ends.
    expect(await w.release()).toEqual({ campaigns: 2, released: 0 });
    expect((await api().get(`/convocation/campaigns/${second.body.id}`).set(coordinator).expect(200)).body).toMatchObject({ members: 0, released: 0, status: 'done' });
  });

  it('a lost-from-view campaign convenes again those whose convocations came to nothing, never someone whose appointment is still expected', async () => {
    // Someone listed for the EP: no relance in this territory's policy, and an appointment missed.
    await api().put(`/convocation/territories/${RT}/policy`).set(coordinator).send({ ...DEFAULT_POLICY, maxRelances: 0 }).expect(200);
    const [missed] = await w.sql<{ id: string; path_id: string }>(
      `SELECT a.id, a.path_id FROM convocation_appointment a JOIN convocation_track t ON t.path_id = a.path_id AND t.origin = 'flux' AND t.attempts = 0
        WHERE a.place_id = $1 AND a.status = 'planned' AND a.starts_at < $2 ORDER BY a.starts_at, a.id LIMIT 1`,
      [placeId, w.clock.now()],
    );
    expect((await api().post(`/convocation/appointments/${missed.id}/attendance`).set(coordinator).send({ attendance: 'absent' }).expect(200)).body.next).toBe('ep-review');
    await api().put(`/convocation/territories/${RT}/policy`).set(coordinator).send(DEFAULT_POLICY).expect(200);
    // Someone convened to a relance, still expected at it (absent once, relance planned, attendance not yet recorded).
    const [relanced] = await w.sql<{ path_id: string; appointment_id: string }>(`SELECT path_id, appointment_id FROM convocation_track WHERE territory_id = $1 AND state = 'convened' AND last_outcome = 'absent'`, [RT]);
    expect(relanced).toBeDefined();

    const body = { territoryId: RT, name: 'Perdus de vue', segment: 'lost-from-view', priority: 'oldest-entry', monthlyPace: 110, fromMonth: '2027-04', toMonth: '2027-04' };
    const created = await api().post('/convocation/campaigns').set(coordinator).send(body).expect(201);
    const members = await w.sql<{ path_id: string }>(`SELECT path_id FROM convocation_campaign_member WHERE campaign_id = $1`, [created.body.id]);
    expect(members.map((m) => m.path_id)).toContain(missed.path_id);
    expect(members.map((m) => m.path_id)).not.toContain(relanced.path_id);
    expect(created.body.members).toBe(members.length);

    const release = await w.release();
    expect(release.released).toBe(members.length);
    expect(await track(missed.path_id)).toMatchObject({ state: 'to-plan', attempts: 0, last_outcome: null, campaign_id: created.body.id, deadline: '2027-04-16' });
    await w.plan();
    expect(await track(missed.path_id)).toMatchObject({ state: 'convened' });
    expect(await track(relanced.path_id)).toMatchObject({ state: 'convened', appointment_id: relanced.appointment_id });
    expect(await one(`SELECT count(*)::int AS n FROM convocation_appointment WHERE path_id = $1 AND status IN ('planned', 'confirmed', 'moved')`, [relanced.path_id])).toBe(1);

    // Lille: people waiting for a slot when the campaign is made, convened by the planner before their release.
    const waiting = await waitingIn('lille');
    expect(waiting.length).toBeGreaterThan(0);
    const lille = await api().post('/convocation/campaigns').set(dpo).send({ ...body, territoryId: 'lille' }).expect(201);
    expect(lille.body.members).toBe(waiting.length);
    const agendaId = (
      await api().post(`/convocation/places/${lillePlaceId}/agendas`).set(dpo).send({ name: 'Information collective', kind: 'orientation', reception: 'collective', durationMinutes: 60, capacity: 20 }).expect(201)
    ).body.id;
    await api().post(`/convocation/agendas/${agendaId}/slots`).set(dpo).send({ from: '2027-04-06', to: '2027-04-09', times: ['09:30'] }).expect(201);
    w.clock.set('2027-04-01T08:00:00+02:00');
    await w.plan();
    for (const p of waiting) expect(await track(p.path_id)).toMatchObject({ state: 'convened' });
    const convened = await w.sql<{ path_id: string; appointment_id: string }>(`SELECT path_id, appointment_id FROM convocation_track WHERE path_id = ANY($1::uuid[]) ORDER BY path_id`, [waiting.map((p) => p.path_id)]);
    await w.release();
    await w.plan();
    expect(await w.sql(`SELECT path_id, appointment_id FROM convocation_track WHERE path_id = ANY($1::uuid[]) ORDER BY path_id`, [waiting.map((p) => p.path_id)])).toEqual(convened);
    expect(await one(`SELECT count(*)::int AS n FROM convocation_campaign_member WHERE campaign_id = $1 AND released_at IS NOT NULL`, [lille.body.id])).toBe(0);
    expect(await slotDrift()).toBe(0);
  });

  it('lets only the territory’s coordinators set up places, agendas, slots, closures and campaigns, and see its campaigns', async () => {
    const before = await written();
    const [slot] = await w.sql<{ id: string }>(`SELECT id FROM convocation_slot WHERE place_id = $1 AND booked = 0 AND status = 'open' ORDER BY starts_at DESC LIMIT 1`, [placeId]);
    const campaign = { territoryId: RT, name: 'Reprise', segment: 'not-oriented', priority: 'longest-in-rsa', monthlyPace: 10, fromMonth: '2027-05', toMonth: '2027-06' };
    const agenda = { name: 'Atelier', kind: 'jalon', reception: 'collective', durationMinutes: 90, capacity: 8 };
    const changes = [
      () => api().post('/convocation/places').send(place(RT)),
      () => api().post(`/convocation/places/${placeId}/agendas`).send(agenda),
      () => api().post(`/convocation/agendas/${individualId}/slots`).send({ from: '2027-05-03', to: '2027-05-07', times: ['09:00'] }),
      () => api().post(`/convocation/places/${placeId}/closures`).send({ fromDay: '2027-05-10', toDay: '2027-05-11', reason: 'travaux' }),
      () => api().post(`/convocation/slots/${slot.id}/cancel`),
      () => api().post('/convocation/campaigns').send(campaign),
      () => api().put(`/convocation/territories/${RT}/policy`).send(DEFAULT_POLICY),
    ];
    for (const who of [referent, callCentre]) {
      for (const change of changes) expect((await change().set(who).expect(403)).body.error.code).toBe('ACCESS_FORBIDDEN');
      await api().get(`/convocation/territories/${RT}/campaigns`).set(who).expect(403);
      await api().get(`/convocation/campaigns/${notOrientedCampaignId}`).set(who).expect(403);
    }
    // The coordinator of Lille: Lille's campaigns, not Roubaix-Tourcoing's; nor its places.
    const theirs = await api().get('/convocation/territories/lille/campaigns').set(coordinatorLille).expect(200);
    expect(theirs.body.map((c: { territoryId: string }) => c.territoryId)).toEqual(['lille']);
    expect((await api().get(`/convocation/territories/${RT}/campaigns`).set(coordinatorLille).expect(403)).body.error.code).toBe('ACCESS_OUT_OF_SCOPE');
    expect((await api().get(`/convocation/campaigns/${notOrientedCampaignId}`).set(coordinatorLille).expect(403)).body.error.code).toBe('ACCESS_OUT_OF_SCOPE');
    await api().post('/convocation/campaigns').set(coordinatorLille).send(campaign).expect(403);
    await api().post(`/convocation/places/${placeId}/agendas`).set(coordinatorLille).send(agenda).expect(403);
    await api().post(`/convocation/places/${placeId}/closures`).set(coordinatorLille).send({ fromDay: '2027-05-10', toDay: '2027-05-11', reason: 'travaux' }).expect(403);
    await api().post(`/convocation/slots/${slot.id}/cancel`).set(coordinatorLille).expect(403);
    // And Roubaix-Tourcoing's coordinator none of Lille's.
    await api().get('/convocation/territories/lille/campaigns').set(coordinator).expect(403);
    await api().post(`/convocation/places/${lillePlaceId}/agendas`).set(coordinator).send(agenda).expect(403);
    await api().post(`/convocation/places/${lillePlaceId}/closures`).set(coordinator).send({ fromDay: '2027-05-10', toDay: '2027-05-11', reason: 'travaux' }).expect(403);
    expect(await written()).toEqual(before);
    // Each refusal of a territory is in the audit trail.
    const denied = `SELECT count(*)::int AS n FROM audit_event e JOIN access_professional p ON p.id = e.actor_professional_id AND p.subject = $1
                     WHERE e.outcome = 'denied' AND e.action = 'convocation.campaign.read' AND e.target_id = $2`;
    expect(await one(denied, [coordinatorLilleSubject, notOrientedCampaignId])).toBe(1);
  });
});
