import { addDays, parisDateOf, parisInstant, Permission, Role, systemActor } from '@rsa/kernel';
import { Organisation } from '@rsa/access';
import { OrientationPeriods, type Dominante } from '@rsa/orientation';
import type { SqlRunner } from '@rsa/platform';
import { createTestDatabase, type TestDatabase } from '@rsa/testing';
import { tokenFor } from './support/api';
import { buildOrientationWorld, type OrientationWorld } from './support/orientation-world';

/**
 * Referents and portfolios on the API, the clock moved by the test: capacity (defaults, a territory
 * of 50 for all, a referent's own), the explained suggestion, over capacity only with a reason (a
 * notice to the coordinators, an alert in the load), the first accompaniment appointment within 5
 * working days of the diagnostic across Christmas, the file opened to the assigned referent only,
 * the load per referent, structure and territory with its trend over the weeks, permanent and
 * temporary transfers with their grants and history, and a portfolio review.
 */

const TERRITORY = 'roubaix-tourcoing';

/** The first Christmas after this year's that falls on a weekday, so the 5 working days meet it. */
function christmasOnAWeekday(): string {
  for (let year = new Date().getUTCFullYear() + 1; ; year++) {
    const weekday = new Date(Date.UTC(year, 11, 25, 12)).getUTCDay();
    if (weekday >= 1 && weekday <= 5) return `${year}-12-25`;
  }
}

/** An independent count for the test's oracle: `n` days after `day` that are neither a weekend nor in `closed`. */
function weekdaysAfter(day: string, n: number, closed: readonly string[]): string {
  let current = day;
  for (let left = n; left > 0; ) {
    current = addDays(current, 1);
    const weekday = new Date(`${current}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !closed.includes(current)) left--;
  }
  return current;
}

/** The working day two weekdays before Christmas: its 5 working days run over 25 December. */
function twoWeekdaysBefore(day: string): string {
  let current = day;
  for (let left = 2; left > 0; ) {
    current = addDays(current, -1);
    const weekday = new Date(`${current}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return current;
}

describe('referents and portfolios (e2e)', () => {
  let db: TestDatabase;
  let w: OrientationWorld;
  const christmas = christmasOnAWeekday();
  /** The diagnostic day of the Christmas scenario; the story starts three weeks before it. */
  const D = twoWeekdaysBefore(christmas);
  const T0 = addDays(D, -21);
  const at = (day: string, time = '09:00') => w.clock.set(parisInstant(day, time));
  const system = systemActor('test:portfolio', 'cli', [Permission.OrganisationManage, Permission.OrganisationRead]);
  let runner: SqlRunner;
  let people: string[];
  const referent: Record<'R0' | 'A' | 'B' | 'L', string> = { R0: '', A: '', B: '', L: '' };
  const tokens: Record<'A' | 'B', { token: string }> = { A: { token: '' }, B: { token: '' } };
  const p = (i: number) => people[i];
  let firstOfP5: { id: string; at: string };

  const openPeriod = (personId: string, startsOn: string, dominante: Dominante = 'emploi') =>
    OrientationPeriods.open(runner, system, { personId, pathId: null, territoryId: TERRITORY, dominante, structureKind: 'maison-nord-emploi', structureId: null, referentId: null, decisionId: null, startsOn });
  const assign = (personId: string, body: object = {}) => w.call(Role.Coordinator, 'post', `/beneficiaries/${personId}/referent`, body);
  const periodOf = async (personId: string) => (await w.sql<{ referent_id: string | null; structure_id: string | null }>(`SELECT referent_id, structure_id FROM orientation_period WHERE person_id = $1 AND ends_on IS NULL`, [personId]))[0];
  const noticesOf = async (as: Role | { token: string }) => (await w.call(as, 'get', '/orientation/notices')).body as { kind: string; personId: string | null; dueOn: string | null; detail: Record<string, unknown> }[];

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    w = await buildOrientationWorld(db, parisInstant(T0, '09:00').toISOString());
    runner = { query: <T>(text: string, params?: unknown[]) => w.sql<T>(text, params) } as SqlRunner;
    ({ personIds: people } = await w.importDaily(90, 'portfolio-flow', T0, TERRITORY));
    if (people.length < 10) throw new Error('The generated file has too few people in Roubaix-Tourcoing: change its seed');
    const organisation = w.app.get(Organisation);
    const structureId = w.seed.structureIds['MNE-ROUBAIX-TOURCOING'];
    for (const [key, structure] of [['A', structureId], ['B', structureId], ['L', w.seed.structureIds['MNE-LILLE']]] as const) {
      const professional = await organisation.createProfessional(system, { subject: `portfolio.referent.${key.toLowerCase()}`, displayName: `Référent ${key}` });
      await organisation.addHabilitation(system, professional.id, { role: Role.Referent, structureId: structure, validFrom: '2026-01-01' });
      referent[key] = professional.id;
    }
    referent.R0 = w.professionalOf(Role.Referent);
    tokens.A = { token: await tokenFor(w.config, 'portfolio.referent.a') };
    tokens.B = { token: await tokenFor(w.config, 'portfolio.referent.b') };
  });
  afterAll(async () => {
    await w?.close();
    await db?.drop();
  });

  it('capacity: the defaults (60/70/60), a territory of 50 for all, a referent of their own; bad figures are refused with what is wrong', async () => {
    const initial = await w.call(Role.Coordinator, 'get', `/portfolio/territories/${TERRITORY}/capacity`);
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ territoryId: TERRITORY, capacity: { emploi: 60, equilibre: 70, remobilisation: 60 }, source: 'default', reviewEveryMonths: 3 });

    const bad = await w.call(Role.Coordinator, 'put', `/portfolio/territories/${TERRITORY}/capacity`, { emploi: 0, equilibre: 50.5, remobilisation: 50 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.problems).toEqual(['emploi: a whole number of people, 1 to 500', 'equilibre: a whole number of people, 1 to 500']);
    expect((await w.call(Role.ProjectTeam, 'put', `/portfolio/territories/${TERRITORY}/capacity`, { emploi: 50, equilibre: 50, remobilisation: 50 })).status).toBe(403);

    const set = await w.call(Role.Coordinator, 'put', `/portfolio/territories/${TERRITORY}/capacity`, { emploi: 50, equilibre: 50, remobilisation: 50 });
    expect(set.status).toBe(200);
    const seen = await w.call(Role.ProjectTeam, 'get', `/portfolio/territories/${TERRITORY}/capacity`);
    expect(seen.body).toMatchObject({ capacity: { emploi: 50, equilibre: 50, remobilisation: 50 }, source: 'territory' });
    // A coordinator reads their own territory only; a referent is not a territory's reader.
    expect((await w.call(Role.Coordinator, 'get', '/portfolio/territories/lille/capacity')).status).toBe(403);
    expect((await w.call(Role.Referent, 'get', `/portfolio/territories/${TERRITORY}/capacity`)).status).toBe(403);

    const own = await w.call(Role.Coordinator, 'put', `/portfolio/referents/${referent.A}`, { capacity: { emploi: 2 } });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ capacity: { emploi: 2, equilibre: 50, remobilisation: 50 }, capacityOverride: { emploi: 2 }, load: { emploi: 0 }, availability: { availableToday: true } });
    expect((await w.call(Role.Coordinator, 'put', `/portfolio/referents/${referent.A}`, { capacity: { emploi: 900 } })).status).toBe(422);
    expect((await w.call(Role.Coordinator, 'put', `/portfolio/referents/${referent.A}`, { capacity: { emploi: 2 }, absentFrom: D })).status).toBe(422);
    // An absence of three centuries is a slip: a year at most.
    const centuries = await w.call(Role.Coordinator, 'put', `/portfolio/referents/${referent.A}`, { absentFrom: '1900-01-01', absentTo: '2199-12-31' });
    expect([centuries.status, centuries.body.error.code]).toEqual([422, 'ORIENTATION_PORTFOLIO_INVALID_AVAILABILITY']);
    // The referent reads their own figures, not a colleague's; a coordinator of another territory does not manage them.
    expect((await w.call(tokens.A, 'get', `/portfolio/referents/${referent.A}`)).body.capacity.emploi).toBe(2);
    expect((await w.call(tokens.A, 'get', `/portfolio/referents/${referent.B}`)).status).toBe(403);
    expect((await w.call(Role.Coordinator, 'put', `/portfolio/referents/${referent.L}`, { capacity: { emploi: 10 } })).status).toBe(403);
  });

  it('suggests the referent with the most room in the dominante, among the right structures of the territory, and says why', async () => {
    for (let i = 0; i < 8; i++) await openPeriod(p(i), T0);
    // A first person goes to the demo referent by choice: the suggestion then prefers B (50 places left) to them (49) and A (2).
    const first = await assign(p(0), { professionalId: referent.R0 });
    expect(first.status).toBe(201);

    const suggestion = await w.call(Role.Coordinator, 'get', `/beneficiaries/${p(1)}/referent-suggestion`);
    expect(suggestion.status).toBe(200);
    expect(suggestion.body.suggestion).toMatchObject({ professionalId: referent.B, room: 50, overCapacity: false, capacity: 50, load: 0 });
    expect(suggestion.body.suggestion.because).toEqual([`3 referent(s) of maison-nord-emploi in ${TERRITORY}`, 'the most room in emploi: 50 of 50 places left']);
    expect(suggestion.body.candidates.map((c: { professionalId: string; room: number }) => [c.professionalId, c.room])).toEqual([
      [referent.B, 50],
      [referent.R0, 49],
      [referent.A, 2],
    ]);
    // The Lille referent is not a candidate for Roubaix-Tourcoing, nor assignable there.
    const lille = await assign(p(1), { professionalId: referent.L });
    expect(lille.status).toBe(422);
    expect(lille.body.error.code).toBe('ORIENTATION_PORTFOLIO_REFERENT_NOT_ELIGIBLE');

    const assigned = await assign(p(1));
    expect(assigned.status).toBe(201);
    expect(assigned.body.assignment).toMatchObject({ referentId: referent.B, suggestedReferentId: referent.B, kind: 'assignment', overCapacity: false, assignedBy: expect.stringContaining('professional:') });
    expect(await periodOf(p(1))).toEqual({ referent_id: referent.B, structure_id: w.seed.structureIds['MNE-ROUBAIX-TOURCOING'] });
    expect((await assign(p(1))).status).toBe(409);
    // Only the coordinators assign.
    expect((await w.call(Role.Referent, 'post', `/beneficiaries/${p(2)}/referent`, {})).status).toBe(403);
    expect((await w.call(Role.ProjectTeam, 'get', `/beneficiaries/${p(2)}/referent-suggestion`)).status).toBe(403);
  });

  it('fills a referent to capacity; beyond it only with a reason, which tells the coordinators and shows as an alert in the load', async () => {
    expect((await assign(p(2), { professionalId: referent.A })).status).toBe(201);
    expect((await assign(p(3), { professionalId: referent.A })).status).toBe(201);
    at(addDays(T0, 7));
    const refused = await assign(p(4), { professionalId: referent.A });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'ORIENTATION_PORTFOLIO_OVER_CAPACITY_REASON_REQUIRED', details: { dominante: 'emploi', load: 2, capacity: 2 } });
    expect(await periodOf(p(4))).toMatchObject({ referent_id: null });
    expect(await w.sql(`SELECT 1 FROM portfolio_assignment WHERE person_id = $1`, [p(4)])).toEqual([]);
    expect(await w.sql(`SELECT 1 FROM portfolio_first_appointment WHERE person_id = $1`, [p(4)])).toEqual([]);

    const over = await assign(p(4), { professionalId: referent.A, reasonCode: 'continuity-of-care' });
    expect(over.status).toBe(201);
    expect(over.body.assignment).toMatchObject({ overCapacity: true, overCapacityReason: 'continuity-of-care' });
    const coordinatorNotices = await noticesOf(Role.Coordinator);
    expect(coordinatorNotices.filter((n) => n.kind === 'over-capacity')).toEqual([
      expect.objectContaining({ personId: p(4), detail: expect.objectContaining({ referentId: referent.A, dominante: 'emploi', load: 3, capacity: 2, reasonCode: 'continuity-of-care' }) }),
    ]);
    expect((await noticesOf(tokens.A)).filter((n) => n.kind === 'portfolio-assigned').map((n) => n.personId).sort()).toEqual([p(2), p(3), p(4)].sort());

    const load = await w.call(Role.ProjectTeam, 'get', `/portfolio/territories/${TERRITORY}/load`);
    expect(load.status).toBe(200);
    expect(load.body.alerts).toEqual([
      { kind: 'over-capacity', professionalId: referent.A, structureId: w.seed.structureIds['MNE-ROUBAIX-TOURCOING'], dominante: 'emploi', load: 3, capacity: 2, over: 1, reasons: [{ reasonCode: 'continuity-of-care', people: 1 }] },
    ]);
    const mine = await w.call(tokens.A, 'get', '/portfolio/me');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ referentId: referent.A, load: { emploi: 3 }, capacity: { emploi: 2 }, overCapacity: ['emploi'] });
    expect(mine.body.people.map((x: { personId: string; overCapacity: boolean; dominante: string; startsOn: string }) => [x.personId, x.overCapacity, x.dominante, x.startsOn]).sort()).toEqual(
      [[p(2), false, 'emploi', T0], [p(3), false, 'emploi', T0], [p(4), true, 'emploi', T0]].sort(),
    );
  });

  it('the assigned referent now reads the file (a case grant), another referent does not', async () => {
    expect((await w.call(tokens.A, 'get', `/beneficiaries/${p(2)}`)).status).toBe(200);
    expect((await w.call(tokens.B, 'get', `/beneficiaries/${p(2)}`)).status).toBe(403);
    expect((await w.call(tokens.B, 'get', `/beneficiaries/${p(2)}/referent`)).status).toBe(403);
    const history = await w.call(tokens.A, 'get', `/beneficiaries/${p(2)}/referent`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ referentId: referent.A, assignments: [{ referentId: referent.A, kind: 'assignment', reasonCode: 'orientation', fromDay: T0, toDay: null }] });
    const [grant] = await w.sql<{ basis: string; reason_code: string; revoked_at: Date | null }>(`SELECT basis, reason_code, revoked_at FROM access_case_grant WHERE person_id = $1 AND professional_id = $2`, [p(2), referent.A]);
    expect(grant).toEqual({ basis: 'referent', reason_code: 'portfolio', revoked_at: null });
    // A project team never sees a portfolio's people.
    expect((await w.call(Role.ProjectTeam, 'get', `/portfolio/referents/${referent.A}/people`)).status).toBe(403);
    expect((await w.call(Role.ProjectTeam, 'get', '/portfolio/me')).status).toBe(403);
    const [audited] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'portfolio.assign' AND $1::uuid = ANY(subject_ids)`, [p(2)]);
    expect(audited.n).toBe(1);
  });

  it('the first accompaniment appointment is due 5 working days after the diagnostic, 25 December not counted; a time after it is refused', async () => {
    // A person leaves the demo referent's portfolio a week before (an exit closes the period).
    at(addDays(T0, 14));
    await OrientationPeriods.close(runner, p(0), addDays(T0, 14), 'exit:employment', { by: 'test', access: 'now' });
    at(D, '10:00');
    await openPeriod(p(5), D);
    await openPeriod(p(6), D);
    const expected = weekdaysAfter(D, 5, [christmas]);
    expect(expected).not.toBe(weekdaysAfter(D, 5, []));

    const tooLate = await assign(p(5), { professionalId: referent.B, firstAppointmentAt: parisInstant(weekdaysAfter(expected, 1, []), '10:00').toISOString() });
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.error).toMatchObject({ code: 'ORIENTATION_PORTFOLIO_FIRST_APPOINTMENT_INVALID', details: { deadline: expected } });
    expect(tooLate.body.error.message).toContain(expected);
    expect(await periodOf(p(5))).toMatchObject({ referent_id: null });
    expect((await assign(p(5), { professionalId: referent.B, firstAppointmentAt: parisInstant(christmas, '10:00').toISOString() })).status).toBe(422);
    // A moment always with its offset, in the extended form: no time read as UTC, no basic or week form misread (or a 500).
    for (const firstAppointmentAt of [`${expected}T10:00:00`, expected, `${expected.replaceAll('-', '')}T100000Z`, '2026-W52-1', `${expected}T25:00:00+01:00`, '2027-02-30T10:00:00+01:00']) {
      const refused = await assign(p(5), { professionalId: referent.B, firstAppointmentAt });
      expect({ firstAppointmentAt, status: refused.status, code: refused.body.error.code }).toEqual({ firstAppointmentAt, status: 400, code: 'VALIDATION_FAILED' });
    }

    const byDefault = await assign(p(5), { professionalId: referent.B });
    expect(byDefault.status).toBe(201);
    expect(byDefault.body.firstAppointment).toMatchObject({ deadline: expected, diagnosticOn: D, diagnosticSource: 'period-start', status: 'planned', late: false, state: 'planned' });
    expect(parisDateOf(new Date(byDefault.body.firstAppointment.at))).toBe(weekdaysAfter(D, 1, [christmas]));
    const onTheDay = await assign(p(6), { professionalId: referent.B, firstAppointmentAt: parisInstant(expected, '16:00').toISOString() });
    expect(onTheDay.status).toBe(201);
    expect(onTheDay.body.firstAppointment).toMatchObject({ deadline: expected, late: false });
    expect((await noticesOf(tokens.B)).filter((n) => n.kind === 'first-appointment-due' && n.personId === p(6))).toEqual([expect.objectContaining({ dueOn: expected })]);
    firstOfP5 = byDefault.body.firstAppointment;
  });

  it('load per referent, structure and territory, with capacity, use and the trend at each of the last weeks', async () => {
    const ft = w.professionalOf(Role.FtCounsellor);
    const load = await w.call(Role.ProjectTeam, 'get', `/portfolio/territories/${TERRITORY}/load?weeks=4`);
    expect(load.status).toBe(200);
    const byReferent = Object.fromEntries(load.body.referents.map((r: { professionalId: string; total: number; trend: { total: number }[] }) => [r.professionalId, [r.total, r.trend.map((t) => t.total)]]));
    expect(byReferent).toEqual({
      [referent.R0]: [0, [1, 1, 0, 0]],
      [referent.A]: [3, [2, 3, 3, 3]],
      [referent.B]: [3, [1, 1, 1, 3]],
      // France Travail Roubaix's counsellor holds portfolios too (nobody oriented to the agency yet).
      [ft]: [0, [0, 0, 0, 0]],
    });
    expect(load.body.territory).toMatchObject({
      referents: 4, total: 6, capacityTotal: 150 + 102 + 150 + 150, unassigned: 1,
      trend: [{ on: T0, total: 4 }, { on: addDays(T0, 7), total: 5 }, { on: addDays(T0, 14), total: 4 }, { on: D, total: 6 }],
    });
    expect(load.body.territory.use.emploi).toBe(Math.round((6 / (50 + 2 + 50 + 50)) * 1000) / 10);
    const structures = Object.fromEntries(load.body.structures.map((s: { structureId: string; referents: number; total: number; overCapacity: string[] }) => [s.structureId, [s.referents, s.total, s.overCapacity]]));
    expect(structures).toEqual({ [w.seed.structureIds['MNE-ROUBAIX-TOURCOING']]: [3, 6, []], [w.seed.structureIds['FT-ROUBAIX']]: [1, 0, []] });
    expect(load.body.referents.find((r: { professionalId: string }) => r.professionalId === referent.A)).toMatchObject({ use: { emploi: 150 }, overCapacity: ['emploi'] });
    // Aggregates only: not one person's id in what the project team gets.
    const text = JSON.stringify(load.body);
    for (const personId of people) expect(text).not.toContain(personId);
  });

  it('the referent records the first appointment; the coordinator lists those overdue or missing; a missed one comes back late, with its reason', async () => {
    // The referent records the outcome once the time has come; another referent may not.
    const appointment = firstOfP5.id;
    expect((await w.call(tokens.B, 'post', `/portfolio/first-appointments/${appointment}/outcome`, { status: 'honoured' })).status).toBe(409);
    w.clock.set(new Date(new Date(firstOfP5.at).getTime() + 3600_000));
    expect((await w.call(tokens.A, 'post', `/portfolio/first-appointments/${appointment}/outcome`, { status: 'honoured' })).status).toBe(403);
    const honoured = await w.call(tokens.B, 'post', `/portfolio/first-appointments/${appointment}/outcome`, { status: 'honoured' });
    expect(honoured.status).toBe(200);
    expect(honoured.body).toMatchObject({ status: 'honoured', state: 'honoured' });

    // The first appointments of three weeks ago were never recorded: overdue. A missed one is scheduled again, late, with its reason.
    const [{ id: missed }] = await w.sql<{ id: string }>(`SELECT id FROM portfolio_first_appointment WHERE person_id = $1`, [p(3)]);
    expect((await w.call(tokens.A, 'post', `/portfolio/first-appointments/${missed}/outcome`, { status: 'missed' })).status).toBe(200);
    expect((await w.call(tokens.A, 'post', `/beneficiaries/${p(3)}/first-appointment`, {})).status).toBe(422);
    const again = await w.call(tokens.A, 'post', `/beneficiaries/${p(3)}/first-appointment`, { lateReasonCode: 'rescheduled-after-missed' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ late: true, lateReason: 'rescheduled-after-missed', status: 'planned', overdue: true });
    const overdue = await w.call(Role.Coordinator, 'get', `/portfolio/territories/${TERRITORY}/first-appointments`);
    expect(overdue.status).toBe(200);
    const listed = Object.fromEntries(overdue.body.items.map((i: { personId: string; state: string; overdue: boolean; missing: boolean }) => [i.personId, [i.state, i.overdue, i.missing]]));
    expect(listed).toEqual({
      [p(1)]: ['outcome-to-record', true, false],
      [p(2)]: ['outcome-to-record', true, false],
      [p(3)]: ['planned', true, false],
      [p(4)]: ['outcome-to-record', true, false],
    });
  });

  it('transfers: permanent (the grant moves, history kept), temporary for an absence (the stand-in covers until the return day), the receiver’s capacity checked', async () => {
    const permanent = await w.call(Role.Coordinator, 'post', '/portfolio/transfers', { fromReferentId: referent.A, toReferentId: referent.B, personIds: [p(2)], kind: 'permanent', reasonCode: 'rebalancing' });
    expect(permanent.status).toBe(201);
    expect(permanent.body).toMatchObject({ kind: 'permanent', status: 'done', people: [{ personId: p(2), dominante: 'emploi' }] });
    expect(await periodOf(p(2))).toMatchObject({ referent_id: referent.B });
    expect((await w.call(tokens.A, 'get', `/beneficiaries/${p(2)}`)).status).toBe(403);
    expect((await w.call(tokens.B, 'get', `/beneficiaries/${p(2)}`)).status).toBe(200);
    const history = await w.call(tokens.B, 'get', `/beneficiaries/${p(2)}/referent`);
    expect(history.body.assignments).toEqual([
      expect.objectContaining({ referentId: referent.B, previousReferentId: referent.A, kind: 'transfer', reasonCode: 'rebalancing', fromDay: parisDateOf(w.clock.now()), toDay: null }),
      expect.objectContaining({ referentId: referent.A, kind: 'assignment', toDay: parisDateOf(w.clock.now()), endReason: 'transfer' }),
    ]);

    // A has room for none of B's people now (2 of 2): over capacity needs a reason for the receiver too.
    const full = await w.call(Role.Coordinator, 'post', '/portfolio/transfers', { fromReferentId: referent.B, toReferentId: referent.A, personIds: [p(6)], kind: 'permanent', reasonCode: 'rebalancing' });
    expect(full.status).toBe(422);
    expect(full.body.error.code).toBe('ORIENTATION_PORTFOLIO_OVER_CAPACITY_REASON_REQUIRED');
    expect(await periodOf(p(6))).toMatchObject({ referent_id: referent.B });
    const notMine = await w.call(Role.Coordinator, 'post', '/portfolio/transfers', { fromReferentId: referent.A, toReferentId: referent.B, personIds: [p(6)], kind: 'permanent', reasonCode: 'rebalancing' });
    expect(notMine.status).toBe(422);
    expect(notMine.body.error).toMatchObject({ code: 'ORIENTATION_PORTFOLIO_NOT_IN_PORTFOLIO', details: { personIds: [p(6)] } });

    // Later that day A is away: the demo referent stands in for all of A's people until the return day.
    w.clock.advance(30 * 60_000);
    const returns = addDays(parisDateOf(w.clock.now()), 14);
    expect((await w.call(Role.Coordinator, 'post', '/portfolio/transfers', { fromReferentId: referent.A, toReferentId: referent.R0, kind: 'temporary', reasonCode: 'absence' })).status).toBe(400);
    const temporary = await w.call(Role.Coordinator, 'post', '/portfolio/transfers', { fromReferentId: referent.A, toReferentId: referent.R0, kind: 'temporary', until: returns, reasonCode: 'absence' });
    expect(temporary.status).toBe(201);
    expect(temporary.body).toMatchObject({ kind: 'temporary', endsOn: returns, status: 'active' });
    expect(temporary.body.people.map((x: { personId: string }) => x.personId).sort()).toEqual([p(3), p(4)].sort());
    expect(await periodOf(p(3))).toMatchObject({ referent_id: referent.A });
    expect((await w.call(Role.Referent, 'get', `/beneficiaries/${p(3)}`)).status).toBe(200);
    expect((await w.call(tokens.A, 'get', `/beneficiaries/${p(3)}`)).status).toBe(200);
    const [standInGrant] = await w.sql<{ valid_to: Date; reason_code: string }>(`SELECT valid_to, reason_code FROM access_case_grant WHERE person_id = $1 AND professional_id = $2`, [p(3), referent.R0]);
    expect(standInGrant).toEqual({ valid_to: parisInstant(returns, '00:00'), reason_code: 'temporary-absence' });

    const standIn = await w.call(Role.Referent, 'get', '/portfolio/me');
    expect(standIn.body.covering.map((c: { personId: string; referentId: string; returnsOn: string }) => [c.personId, c.referentId, c.returnsOn]).sort()).toEqual(
      [[p(3), referent.A, returns], [p(4), referent.A, returns]].sort(),
    );
    const during = await w.call(Role.Coordinator, 'get', `/portfolio/territories/${TERRITORY}/load?weeks=1`);
    const row = (id: string) => during.body.referents.find((r: { professionalId: string }) => r.professionalId === id);
    expect(row(referent.A)).toMatchObject({ total: 2, coveredByStandIn: 2 });
    expect(row(referent.R0)).toMatchObject({ total: 0, covering: { emploi: 2, equilibre: 0, remobilisation: 0 } });
    // Assigning to the stand-in counts the people they cover, as a transfer to them does.
    const probe = people[people.length - 2];
    await openPeriod(probe, parisDateOf(w.clock.now()));
    const candidates = (await w.call(Role.Coordinator, 'get', `/beneficiaries/${probe}/referent-suggestion`)).body.candidates as { professionalId: string; load: { emploi: number } }[];
    expect(candidates.find((c) => c.professionalId === referent.R0)?.load.emploi).toBe(row(referent.R0).load.emploi + 2);
    expect((await noticesOf(tokens.A)).filter((n) => n.kind === 'portfolio-transferred').length).toBe(2);
    expect((await noticesOf(Role.Referent)).filter((n) => n.kind === 'portfolio-transferred')).toEqual([expect.objectContaining({ dueOn: returns, detail: expect.objectContaining({ kind: 'temporary', people: 2 }) })]);

    const transfers = await w.call(tokens.A, 'get', `/portfolio/referents/${referent.A}/transfers`);
    expect(transfers.status).toBe(200);
    expect(transfers.body.map((t: { kind: string; direction: string; status: string }) => [t.kind, t.direction, t.status])).toEqual([['temporary', 'out', 'active'], ['permanent', 'out', 'done']]);

    // On the return day the people are back with A: nothing to undo, the stand-in covers nobody.
    at(returns);
    const after = await w.call(Role.Coordinator, 'get', `/portfolio/referents/${referent.A}/transfers`);
    expect(after.body[0]).toMatchObject({ kind: 'temporary', status: 'returned' });
    const back = await w.call(Role.Coordinator, 'get', `/portfolio/territories/${TERRITORY}/load?weeks=1`);
    expect(back.body.referents.find((r: { professionalId: string }) => r.professionalId === referent.R0)).toMatchObject({ covering: { emploi: 0 } });
    expect((await w.call(Role.Referent, 'get', '/portfolio/me')).body.covering).toEqual([]);
  });

  it('a portfolio review: a decision per person, the next one due a quarter later (a notice), only people of the portfolio', async () => {
    const today = parisDateOf(w.clock.now());
    const body = { reviewedOn: today, participantIds: [referent.B], items: [{ personId: p(1), decision: 'continue' }, { personId: p(2), decision: 'transfer-proposed' }] };
    expect((await w.call(tokens.B, 'post', `/portfolio/referents/${referent.B}/reviews`, body)).status).toBe(403);
    const stranger = await w.call(Role.Coordinator, 'post', `/portfolio/referents/${referent.B}/reviews`, { ...body, items: [{ personId: p(3), decision: 'continue' }] });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.details).toEqual({ personIds: [p(3)] });
    expect((await w.call(Role.Coordinator, 'post', `/portfolio/referents/${referent.B}/reviews`, { ...body, participantIds: [referent.A] })).status).toBe(422);
    // A review dated before its people were oriented (a year typed wrong) is refused.
    const long = await w.call(Role.Coordinator, 'post', `/portfolio/referents/${referent.B}/reviews`, { ...body, reviewedOn: '1999-12-18' });
    expect([long.status, long.body.error.code, long.body.error.details]).toEqual([422, 'ORIENTATION_PORTFOLIO_INVALID_REVIEW', { reviewedOn: '1999-12-18', personIds: [p(1), p(2)] }]);

    // The administrator takes part in no review.
    const admin = await w.call(Role.Coordinator, 'post', `/portfolio/referents/${referent.B}/reviews`, { ...body, participantIds: [referent.B, w.professionalOf(Role.Administrator)] });
    expect([admin.status, admin.body.error.details]).toEqual([422, { participantIds: [w.professionalOf(Role.Administrator)] }]);

    // Sent twice at once (a double click): one review, both answers name it.
    const [review, twice] = await Promise.all([
      w.call(Role.Coordinator, 'post', `/portfolio/referents/${referent.B}/reviews`, body),
      w.call(Role.Coordinator, 'post', `/portfolio/referents/${referent.B}/reviews`, { ...body, items: [...body.items].reverse() }),
    ]);
    expect([review.status, twice.status]).toEqual([201, 201]);
    expect(twice.body.id).toBe(review.body.id);
    // The same ids written in capitals are the same people and the same review.
    const capitals = await w.call(Role.Coordinator, 'post', `/portfolio/referents/${referent.B.toUpperCase()}/reviews`, {
      ...body,
      participantIds: body.participantIds.map((id) => id.toUpperCase()),
      items: body.items.map((i) => ({ ...i, personId: i.personId.toUpperCase() })),
    });
    expect([capitals.status, capitals.body.id]).toEqual([201, review.body.id]);
    expect(await w.sql(`SELECT count(*)::int AS n FROM portfolio_review WHERE referent_id = $1`, [referent.B])).toEqual([{ n: 1 }]);
    const [y, m, d] = today.split('-').map(Number);
    const quarter = new Date(Date.UTC(y, m - 1 + 3, d, 12)).toISOString().slice(0, 10);
    expect(review.body).toMatchObject({ referentId: referent.B, reviewedOn: today, nextDueOn: quarter, items: expect.arrayContaining([{ personId: p(1), decision: 'continue' }, { personId: p(2), decision: 'transfer-proposed' }]) });
    expect(review.body.participantIds.sort()).toEqual([referent.B, w.professionalOf(Role.Coordinator)].sort());
    expect((await noticesOf(tokens.B)).filter((n) => n.kind === 'portfolio-review-due')).toEqual([expect.objectContaining({ dueOn: quarter })]);
    expect((await noticesOf(Role.Coordinator)).some((n) => n.kind === 'portfolio-review-due' && n.dueOn === quarter)).toBe(true);

    const list = await w.call(tokens.B, 'get', `/portfolio/referents/${referent.B}/reviews`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ intervalMonths: 3, nextDueOn: quarter, overdue: false, reviews: [{ id: review.body.id }] });
    expect((await w.call(tokens.A, 'get', `/portfolio/referents/${referent.B}/reviews`)).status).toBe(403);
    const [audited] = await w.sql<{ subject_ids: string[] }>(`SELECT subject_ids::text[] AS subject_ids FROM audit_event WHERE action = 'portfolio.review' AND outcome = 'allowed'`);
    expect(audited.subject_ids.sort()).toEqual([p(1), p(2)].sort());

    // The same decisions with someone else taking part is another review, not the first one answered again.
    const withAnother = await w.call(Role.Coordinator, 'post', `/portfolio/referents/${referent.B}/reviews`, { ...body, participantIds: [referent.B, w.professionalOf(Role.Referent)] });
    expect(withAnother.status).toBe(201);
    expect(withAnother.body.id).not.toBe(review.body.id);
    expect(withAnother.body.participantIds.sort()).toEqual([referent.B, w.professionalOf(Role.Referent), w.professionalOf(Role.Coordinator)].sort());
  });

  it('two assignments at once for the last place: one is assigned, the other needs a reason (the referent is locked while capacity is checked)', async () => {
    await openPeriod(p(8), parisDateOf(w.clock.now()));
    expect((await w.call(Role.Coordinator, 'put', `/portfolio/referents/${referent.R0}`, { capacity: { emploi: 1 } })).status).toBe(200);
    const answers = await Promise.all([p(7), p(8)].map((personId) => assign(personId, { professionalId: referent.R0 })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
    expect(answers.find((a) => a.status === 422)?.body.error.code).toBe('ORIENTATION_PORTFOLIO_OVER_CAPACITY_REASON_REQUIRED');
    const [held] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM orientation_period WHERE ends_on IS NULL AND referent_id = $1`, [referent.R0]);
    expect(held.n).toBe(1);
  });

  it('an exit ends what the portfolio gave: the assignment, a first appointment still planned, and the referent’s access to the file', async () => {
    const today = parisDateOf(w.clock.now());
    const person = people[people.length - 1];
    await openPeriod(person, today);
    const assigned = await assign(person, { professionalId: referent.B, reasonCode: 'continuity-of-care' });
    expect(assigned.status).toBe(201);
    expect(assigned.body.firstAppointment).toMatchObject({ status: 'planned' });
    expect((await w.call(tokens.B, 'get', `/beneficiaries/${person}`)).status).toBe(200);

    const exit = await w.call(Role.Coordinator, 'post', `/beneficiaries/${person}/exit`, { reason: 'moved', exitOn: today });
    expect(exit.status).toBe(201);
    expect((await w.call(tokens.B, 'get', `/beneficiaries/${person}`)).status).toBe(403);
    const [appointment] = await w.sql<{ status: string }>(`SELECT status FROM portfolio_first_appointment WHERE id = $1`, [assigned.body.firstAppointment.id]);
    expect(appointment.status).toBe('cancelled');
    const [assignment] = await w.sql<{ to_day: string; end_reason: string }>(
      `SELECT to_char(to_day, 'YYYY-MM-DD') AS to_day, end_reason FROM portfolio_assignment WHERE person_id = $1 ORDER BY assigned_at DESC LIMIT 1`,
      [person],
    );
    expect(assignment).toEqual({ to_day: today, end_reason: 'exit:moved' });
  });

  it('an absent referent is not suggested nor assignable until they are back', async () => {
    const today = parisDateOf(w.clock.now());
    await openPeriod(p(9), today);
    const away = await w.call(Role.Coordinator, 'put', `/portfolio/referents/${referent.B}`, { absentFrom: today, absentTo: addDays(today, 7) });
    expect(away.body.availability).toEqual({ absentFrom: today, absentTo: addDays(today, 7), availableToday: false });
    const suggestion = await w.call(Role.Coordinator, 'get', `/beneficiaries/${p(9)}/referent-suggestion`);
    expect(suggestion.body.candidates.find((c: { professionalId: string }) => c.professionalId === referent.B)).toMatchObject({ available: false, absentUntil: addDays(today, 7) });
    expect(suggestion.body.suggestion.professionalId).not.toBe(referent.B);
    const refused = await assign(p(9), { professionalId: referent.B });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual({ referentId: referent.B, absentUntil: addDays(today, 7) });
  });

  it('shows a coordinator the transfers and reviews of a Département-wide referent for their own territory’s people only', async () => {
    // The partner's operator works the whole Département; a coordinator of Lille looks at their portfolio.
    const operator = w.professionalOf(Role.PartnerOperator);
    const organisation = w.app.get(Organisation);
    const lilleCoordinator = await organisation.createProfessional(system, { subject: 'portfolio.coordinator.lille', displayName: 'Coordinatrice Lille' });
    await organisation.addHabilitation(system, lilleCoordinator.id, { role: Role.Coordinator, structureId: w.seed.structureIds['MNE-LILLE'], validFrom: '2026-01-01' });
    const lille = { token: await tokenFor(w.config, 'portfolio.coordinator.lille') };
    // A transfer and a review of the operator's that name a Roubaix-Tourcoing person.
    const [period] = await w.sql<{ id: string; person_id: string; dominante: string; starts_on: string }>(
      `SELECT id, person_id, dominante, to_char(starts_on, 'YYYY-MM-DD') AS starts_on FROM orientation_period WHERE territory_id = $1 AND ends_on IS NULL ORDER BY id LIMIT 1`,
      [TERRITORY],
    );
    const [transfer] = await w.sql<{ id: string }>(
      `INSERT INTO portfolio_transfer (id, from_referent_id, to_referent_id, to_structure_id, kind, reason_code, over_capacity, starts_on, created_at, created_by)
       VALUES (gen_random_uuid(), $1, $2, $3, 'permanent', 'rebalancing', false, $4, now(), 'test') RETURNING id`,
      [operator, referent.B, w.seed.structureIds['MNE-ROUBAIX-TOURCOING'], T0],
    );
    await w.sql(`INSERT INTO portfolio_transfer_item (transfer_id, person_id, period_id, dominante) VALUES ($1, $2, $3, $4)`, [transfer.id, period.person_id, period.id, period.dominante]);
    const [review] = await w.sql<{ id: string }>(
      `INSERT INTO portfolio_review (id, referent_id, reviewed_on, participant_ids, next_due_on, created_at, created_by) VALUES (gen_random_uuid(), $1, $2, ARRAY[$1]::uuid[], $3, now(), 'test') RETURNING id`,
      [operator, period.starts_on, addDays(period.starts_on, 90)],
    );
    await w.sql(`INSERT INTO portfolio_review_item (review_id, person_id, decision) VALUES ($1, $2, 'exit-proposed')`, [review.id, period.person_id]);

    const theirs = await w.call(lille, 'get', `/portfolio/referents/${operator}/transfers`);
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(theirs.body)).not.toContain(period.person_id);
    const theirReviews = await w.call(lille, 'get', `/portfolio/referents/${operator}/reviews`);
    expect(theirReviews.status).toBe(200);
    expect(JSON.stringify(theirReviews.body)).not.toContain(period.person_id);
    // Roubaix-Tourcoing's coordinator sees them.
    const ours = await w.call(Role.Coordinator, 'get', `/portfolio/referents/${operator}/transfers`);
    expect(ours.body.find((t: { id: string }) => t.id === transfer.id)?.people.map((x: { personId: string }) => x.personId)).toEqual([period.person_id]);
    const ourReviews = await w.call(Role.Coordinator, 'get', `/portfolio/referents/${operator}/reviews`);
    expect(ourReviews.body.reviews.find((r: { id: string }) => r.id === review.id)?.items).toEqual([{ personId: period.person_id, decision: 'exit-proposed' }]);
  });
});
