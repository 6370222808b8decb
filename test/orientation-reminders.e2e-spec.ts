import { DataSource } from 'typeorm';
import { addDays, addWorkingDays, parisInstant, Role, systemActor } from '@rsa/kernel';
import { OrientationPeriods, OrientationReminders } from '@rsa/orientation';
import { inPgTransaction, pgPoolOf } from '@rsa/platform';
import { createTestDatabase, type TestDatabase } from '@rsa/testing';
import { buildOrientationWorld, type OrientationWorld } from './support/orientation-world';

/**
 * The portfolio part of the daily orientation reminders, the clock moved by the test: a first
 * accompaniment appointment whose deadline (5 working days after the diagnostic) has passed with
 * none honoured reminds the referent and the territory's coordinators the day after, and a
 * portfolio review reminds them on its due day (never reviewed: a quarter after the first
 * assignment; then a quarter after the last review). The job runs twice each day: each notice once.
 */
describe('orientation reminders: first appointments and portfolio reviews (e2e)', () => {
  let db: TestDatabase;
  let w: OrientationWorld;
  let reminders: OrientationReminders;
  let people: string[];
  let referent: string;
  let coordinator: string;
  const system = systemActor('test:orientation-reminders', 'cli', []);
  /** Monday 1 March 2027: the diagnostic day (no decision: the period's first day counts). */
  const D = '2027-03-01';
  const deadline = addWorkingDays(D, 5);
  const at = (day: string, time = '07:00') => w.clock.set(parisInstant(day, time));

  const openPeriod = (personId: string, startsOn: string, referentId: string | null = null) =>
    inPgTransaction(pgPoolOf(w.app.get(DataSource)), async (runner) => {
      await OrientationPeriods.open(runner, system, {
        personId, pathId: null, territoryId: 'roubaix-tourcoing', dominante: 'emploi', structureKind: 'maison-nord-emploi', structureId: null, referentId: null, decisionId: null, startsOn,
      });
      if (referentId) await OrientationPeriods.setReferent(runner, personId, w.seed.structureIds['MNE-ROUBAIX-TOURCOING'], referentId);
    });
  const assign = async (personId: string) => {
    const answer = await w.call(Role.Coordinator, 'post', `/beneficiaries/${personId}/referent`, { professionalId: referent });
    expect(answer.status).toBe(201);
    return answer.body.firstAppointment as { id: string; at: string; deadline: string };
  };
  const noticesOf = (kind: string) =>
    w.sql<{ recipient_id: string; person_id: string | null; due_on: string }>(
      `SELECT recipient_id, person_id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM orientation_notice WHERE kind = $1 ORDER BY person_id, recipient_id, due_on`,
      [kind],
    );

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    w = await buildOrientationWorld(db, parisInstant(D, '09:00').toISOString());
    ({ personIds: people } = await w.importDaily(60, 'orientation-reminders', addDays(D, -7)));
    if (people.length < 4) throw new Error('Too few people in Roubaix-Tourcoing: change the seed');
    reminders = w.app.get(OrientationReminders);
    referent = w.professionalOf(Role.Referent);
    coordinator = w.professionalOf(Role.Coordinator);
  });
  afterAll(async () => {
    await w?.close();
    await db?.drop();
  });

  it('reminds the referent and the coordinators the day after a first appointment’s deadline when none is honoured, once', async () => {
    expect(deadline).toBe('2027-03-08');
    // p0: honoured the next morning; p1: planned, its outcome never recorded; p2: a referent but no appointment; p3: diagnosed three days later.
    for (const i of [0, 1, 2]) await openPeriod(people[i], D, i === 2 ? referent : null);
    const honoured = await assign(people[0]);
    const planned = await assign(people[1]);
    expect(planned.deadline).toBe(deadline);
    w.clock.set(new Date(new Date(honoured.at).getTime() + 3600_000));
    expect((await w.call(Role.Referent, 'post', `/portfolio/first-appointments/${honoured.id}/outcome`, { status: 'honoured' })).status).toBe(200);
    at(addDays(D, 3), '09:00');
    await openPeriod(people[3], addDays(D, 3));
    await assign(people[3]);

    // The deadline day itself: nothing yet.
    at(deadline);
    expect((await reminders.run()).portfolios).toMatchObject({ day: deadline, firstAppointmentsOverdue: 0, written: 0 });
    expect(await noticesOf('first-appointment-overdue')).toEqual([]);

    // The day after, twice (a retried job): p1 and p2, each once to the referent and once to each coordinator.
    const dayAfter = addDays(deadline, 1);
    at(dayAfter);
    const first = await reminders.run();
    const again = await reminders.run();
    const notices = await noticesOf('first-appointment-overdue');
    const recipients = [...new Set(notices.map((n) => n.recipient_id))];
    expect(recipients).toEqual(expect.arrayContaining([referent, coordinator]));
    expect(notices.filter((n) => n.recipient_id === referent).map((n) => [n.person_id, n.due_on]).sort()).toEqual([[people[1], deadline], [people[2], deadline]].sort());
    expect(notices.filter((n) => n.recipient_id === coordinator).map((n) => n.person_id).sort()).toEqual([people[1], people[2]].sort());
    expect(notices).toHaveLength(2 * recipients.length);
    expect(first.portfolios).toMatchObject({ day: dayAfter, firstAppointmentsOverdue: 2, written: notices.length });
    expect(again.portfolios).toMatchObject({ firstAppointmentsOverdue: 2, written: 0 });

    // The referent finds them in their inbox; the run is audited as the system, for the people concerned.
    const inbox = await w.call(Role.Referent, 'get', '/orientation/notices');
    expect(inbox.body.filter((n: { kind: string }) => n.kind === 'first-appointment-overdue').map((n: { personId: string }) => n.personId).sort()).toEqual([people[1], people[2]].sort());
    const audited = await w.sql<{ subject_ids: string[]; actor_kind: string }>(`SELECT subject_ids::text[] AS subject_ids, actor_kind FROM audit_event WHERE action = 'portfolio.reminders'`);
    expect(audited).toHaveLength(1);
    expect({ ...audited[0], subject_ids: audited[0].subject_ids.sort() }).toEqual({ actor_kind: 'system', subject_ids: [people[1], people[2]].sort() });

    // p3's deadline passes in turn; p1 and p2 are not reminded again.
    const p3Deadline = addWorkingDays(addDays(D, 3), 5);
    at(addDays(p3Deadline, 1));
    expect((await reminders.run()).portfolios).toMatchObject({ firstAppointmentsOverdue: 3, written: recipients.length });
    expect((await noticesOf('first-appointment-overdue')).filter((n) => n.person_id === people[3]).map((n) => n.due_on)).toEqual(recipients.map(() => p3Deadline));
  });

  it('reminds the referent and the coordinators on a portfolio review’s due day: never reviewed, then after the last review, once each', async () => {
    const reviewNotices = async () => (await noticesOf('portfolio-review-reminder')).filter((n) => n.recipient_id === referent || n.recipient_id === coordinator);
    // Never reviewed: a quarter after the portfolio's first assignment (1 March): 1 June.
    at('2027-05-31');
    await reminders.run();
    expect(await reviewNotices()).toEqual([]);
    at('2027-06-01');
    expect((await reminders.run()).portfolios).toMatchObject({ reviewsDue: 1 });
    await reminders.run();
    expect((await reviewNotices()).map((n) => [n.recipient_id, n.due_on]).sort()).toEqual([[coordinator, '2027-06-01'], [referent, '2027-06-01']].sort());

    // Reviewed the next day: the next one is due a quarter later, reminded on that day only.
    at('2027-06-02', '10:00');
    const review = await w.call(Role.Coordinator, 'post', `/portfolio/referents/${referent}/reviews`, { reviewedOn: '2027-06-02', participantIds: [referent], items: [{ personId: people[0], decision: 'continue' }] });
    expect([review.status, review.body.nextDueOn]).toEqual([201, '2027-09-02']);
    at('2027-06-03');
    expect((await reminders.run()).portfolios).toMatchObject({ reviewsDue: 0 });
    at('2027-09-01');
    await reminders.run();
    expect(await reviewNotices()).toHaveLength(2);
    at('2027-09-02');
    await reminders.run();
    await reminders.run();
    expect((await reviewNotices()).filter((n) => n.due_on === '2027-09-02').map((n) => n.recipient_id).sort()).toEqual([coordinator, referent].sort());
    expect(await reviewNotices()).toHaveLength(4);
    // The review's own notice (written when it was recorded) is still the only portfolio-review-due one.
    expect((await noticesOf('portfolio-review-due')).filter((n) => n.recipient_id === referent).map((n) => n.due_on)).toEqual(['2027-09-02']);
  });
});
