import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parisDateOf, Role } from '@rsa/kernel';
import { reminderDueAt, DEFAULT_POLICY } from '@rsa/convocation';
import { createTestDatabase, DEMO_SUBJECTS, type TestDatabase } from '@rsa/testing';
import { bearer, tokenFor } from './support/api';
import { buildConvocationWorld, type ConvocationWorld } from './support/convocation-world';

/**
 * From a daily CAF file to the EP review list, with the clock moved by the test: convocations within
 * 15 days, letters, emails and SMS through the local peers, the reminder two working days before,
 * a move, attendance, relances, an excuse, invite-first, and the coordinator's alerts.
 */
describe('convocation flow (e2e)', () => {
  let db: TestDatabase;
  let w: ConvocationWorld;
  const api = () => request(w.app.getHttpServer());
  const token = (subject: string, role?: Role) => tokenFor(w.config, subject, role === Role.Auditor ? { mfa: true } : {});
  let coordinator: Record<string, string>;
  let callCentre: Record<string, string>;
  let dpo: Record<string, string>;

  interface Appointment {
    id: string;
    path_id: string;
    person_id: string;
    starts_at: Date;
    territory_id: string;
    status: string;
    attempt: number;
  }
  const appointments = (where = 'TRUE') =>
    w.sql<Appointment>(
      `SELECT a.id, a.path_id, a.person_id, a.starts_at, t.territory_id, a.status, a.attempt FROM convocation_appointment a
         JOIN convocation_track t ON t.path_id = a.path_id WHERE ${where} ORDER BY a.starts_at, a.id`,
    );
  const messages = (where = 'TRUE') => w.sql<{ channel: string; kind: string; status: string; n: number }>(`SELECT channel, kind, status, count(*)::int AS n FROM notification_message WHERE ${where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  const count = (rows: { n: number }[]) => rows.reduce((n, r) => n + r.n, 0);

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    // Monday 7 December 2026, 08:00 Paris: before the sending window opens.
    w = await buildConvocationWorld(db, '2026-12-07T08:00:00+01:00');
    await w.openAgendas(['roubaix-tourcoing', 'lille'], '2026-12-08', '2027-01-29');
    coordinator = bearer(await token(DEMO_SUBJECTS.coordinatorRoubaix));
    callCentre = bearer(await token(DEMO_SUBJECTS.callCentre));
    dpo = bearer(await token(DEMO_SUBJECTS.dpo));
  });
  afterAll(async () => {
    await w?.close();
    await db?.drop();
  });

  it('convenes every entrant of a territory with slots within 15 days of the notification, and alerts for the others', async () => {
    const manifest = await w.importDaily(160, 'conv-flow', '2026-12-07');
    const paths = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM beneficiary_path WHERE origin = 'flux' AND status = 'open'`);
    expect(paths[0].n).toBe(manifest.totals.expectedEntrants);
    const entrants = await w.sql<{ person_id: string }>(
      `SELECT p.person_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN access_territory_commune tc ON tc.insee = d.commune_insee
        WHERE tc.territory_id IN ('roubaix-tourcoing', 'lille') ORDER BY p.person_id`,
    );
    await w.consent(entrants.slice(0, 12).map((e) => e.person_id), { sms: true });
    await w.consent(entrants.slice(6, 10).map((e) => e.person_id), { email: true });

    const report = (await w.plan()) as { registered: number; convened: number; noSlot: number };
    expect(report.registered).toBe(paths[0].n);
    expect(report.convened).toBe(entrants.length);
    expect(report.noSlot).toBe(paths[0].n - entrants.length);

    const booked = await appointments();
    expect(booked).toHaveLength(entrants.length);
    for (const a of booked) {
      const day = parisDateOf(new Date(a.starts_at));
      // Two working days for the letter (Wednesday 9 at the earliest), on or before the deadline (22 December).
      expect(day >= '2026-12-09' && day <= '2026-12-22').toBe(true);
    }
    const [overbooked] = await w.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM convocation_slot s WHERE s.booked <> (SELECT count(*) FROM convocation_appointment a WHERE a.slot_id = s.id AND a.status IN ('planned', 'confirmed', 'moved'))`,
    );
    expect(overbooked.n).toBe(0);
    const alerts = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM convocation_alert WHERE kind = 'no-slot' AND resolved_at IS NULL`);
    expect(alerts[0].n).toBe(paths[0].n - entrants.length);
  });

  it('writes the letters at once, and holds SMS and emails until the sending window opens', async () => {
    await w.drain();
    const letters = readdirSync(join(w.printDir, '2026-12-07'));
    expect(letters.filter((f) => f.endsWith('.pdf'))).toHaveLength((await appointments()).length);
    expect(w.sms.stats().accepted).toBe(0);
    expect(w.smtp.stats().submissions).toBe(0);
    expect(count(await messages(`channel IN ('sms', 'email') AND kind = 'convocation' AND status = 'pending'`))).toBe(16);

    w.clock.set('2026-12-07T09:05:00+01:00');
    await w.sweep();
    await w.drain();
    expect(w.sms.stats()).toMatchObject({ accepted: 12, repeatedKeys: 0 });
    expect(w.smtp.stats()).toMatchObject({ submissions: 4, duplicateSubmissions: 0 });
    const sent = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_receipt WHERE status = 'delivered'`);
    expect(sent[0].n).toBe((await appointments()).length + 16);
  });

  it('does nothing twice: planning and sweeping again change nothing', async () => {
    const before = await w.sql(`SELECT count(*)::int AS n FROM notification_message`);
    expect(await w.plan()).toMatchObject({ registered: 0, convened: 0 });
    await w.sweep();
    await w.drain();
    expect(await w.sql(`SELECT count(*)::int AS n FROM notification_message`)).toEqual(before);
    expect(w.sms.stats().accepted).toBe(12);
  });

  it('sends the SMS reminder two working days before, at 10:00', async () => {
    const [first] = await w.sql<{ id: string; starts_at: Date }>(
      `SELECT a.id, a.starts_at FROM convocation_appointment a JOIN notification_message m ON m.appointment_id = a.id AND m.kind = 'reminder' ORDER BY a.starts_at LIMIT 1`,
    );
    const due = reminderDueAt(new Date(first.starts_at), new Date('2026-12-07T09:05:00+01:00'), DEFAULT_POLICY) as Date;
    w.clock.set(new Date(due.getTime() - 60_000));
    await w.sweep();
    await w.drain();
    const before = w.sms.stats().accepted;
    w.clock.set(new Date(due.getTime() + 60_000));
    await w.sweep();
    await w.drain();
    expect(w.sms.stats().accepted).toBeGreaterThan(before);
    const reminders = w.sms.messages().filter((m) => m.clientReference === `appt:${first.id}:v1:reminder:sms`);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].text.length).toBeLessThanOrEqual(160);
  });

  it('moves an appointment from the call centre: the reminder follows the new date, the old one is cancelled', async () => {
    // An appointment whose reminder is still to send: the previous test sent those due by now, and
    // the latest appointment may fall on the same day as the first (the planner's order varies).
    const [a] = await w.sql<{ id: string; person_id: string; starts_at: Date; territory_id: string }>(
      `SELECT a.id, a.person_id, a.starts_at, t.territory_id FROM convocation_appointment a JOIN convocation_track t ON t.path_id = a.path_id
        JOIN beneficiary_contact c ON c.person_id = a.person_id AND c.sms_consent AND NOT c.email_consent
       WHERE a.status = 'planned' AND a.starts_at > $1
         AND EXISTS (SELECT 1 FROM notification_message m WHERE m.appointment_id = a.id AND m.kind = 'reminder' AND m.status = 'pending')
       ORDER BY a.starts_at DESC LIMIT 1`,
      [new Date(w.clock.now().getTime() + 86400_000)],
    );
    expect(a).toBeDefined();
    const slots = await api()
      .get(`/convocation/territories/${a.territory_id}/slots?from=${parisDateOf(new Date(w.clock.now().getTime() + 2 * 86400_000))}&to=2026-12-22&withRoom=true`)
      .set(callCentre)
      .expect(200);
    const target = slots.body.find((s: { startsAt: string; reception: string }) => s.reception === 'individual' && new Date(s.startsAt).getTime() !== new Date(a.starts_at).getTime());
    const moved = await api().post(`/convocation/appointments/${a.id}/move`).set(callCentre).send({ slotId: target.id, reasonCode: 'call-centre' }).expect(200);
    expect(moved.body).toMatchObject({ status: 'moved', version: 2 });
    const reminders = await w.sql<{ status: string; appointment_version: number }>(`SELECT status, appointment_version FROM notification_message WHERE appointment_id = $1 AND kind = 'reminder' ORDER BY appointment_version`, [a.id]);
    expect(reminders.map((r) => [r.appointment_version, r.status])).toEqual([
      [1, 'cancelled'],
      [2, 'pending'],
    ]);
    await w.drain();
    const movedMessages = await w.sql<{ channel: string; status: string }>(`SELECT channel, status FROM notification_message WHERE appointment_id = $1 AND kind = 'moved' ORDER BY channel`, [a.id]);
    expect(movedMessages).toEqual([
      { channel: 'letter', status: 'sent' },
      { channel: 'sms', status: 'sent' },
    ]);
    const history = await api().get(`/beneficiaries/${a.person_id}/convocations`).set(callCentre).expect(200);
    expect(history.body.appointments[0].events.map((e: { to: string }) => e.to)).toEqual(['planned', 'moved']);
    // The old slot has its place back: every slot's count is still exactly its active appointments.
    const [drift] = await w.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM convocation_slot s WHERE s.booked <> (SELECT count(*) FROM convocation_appointment a WHERE a.slot_id = s.id AND a.status IN ('planned', 'confirmed', 'moved'))`,
    );
    expect(drift.n).toBe(0);
  });

  it('plans the SMS reminder of an appointment already given when the person consents to SMS only then, once', async () => {
    const [a] = await w.sql<{ id: string; person_id: string; starts_at: Date }>(
      `SELECT a.id, a.person_id, a.starts_at FROM convocation_appointment a
        WHERE a.status = 'planned' AND a.starts_at > $1 AND NOT EXISTS (SELECT 1 FROM beneficiary_contact c WHERE c.person_id = a.person_id AND c.sms_consent)
        ORDER BY a.starts_at DESC LIMIT 1`,
      [new Date(w.clock.now().getTime() + 86400_000)],
    );
    expect(a).toBeDefined();
    const reminders = () => w.sql<{ dedupe_key: string; due_at: Date; status: string }>(`SELECT dedupe_key, due_at, status FROM notification_message WHERE appointment_id = $1 AND kind = 'reminder'`, [a.id]);
    expect(await reminders()).toEqual([]);
    // A number without consent plans nothing; consent then does, at the time the planner would have chosen.
    await api().patch(`/beneficiaries/${a.person_id}/contact`).set(coordinator).send({ phone: '+33600009999' }).expect(200);
    expect(await reminders()).toEqual([]);
    await api().patch(`/beneficiaries/${a.person_id}/contact`).set(coordinator).send({ smsConsent: true }).expect(200);
    const due = reminderDueAt(new Date(a.starts_at), w.clock.now(), DEFAULT_POLICY) as Date;
    expect(await reminders()).toEqual([{ dedupe_key: `appt:${a.id}:v1:reminder:sms`, due_at: due, status: 'pending' }]);
    // Withdrawn and given again: still one.
    await api().patch(`/beneficiaries/${a.person_id}/contact`).set(coordinator).send({ smsConsent: false }).expect(200);
    await api().patch(`/beneficiaries/${a.person_id}/contact`).set(coordinator).send({ smsConsent: true }).expect(200);
    expect(await reminders()).toHaveLength(1);
  });

  it('after two relances without excuse, lists the person for the EP review with their history', async () => {
    const [a] = await appointments(`t.territory_id = 'roubaix-tourcoing' AND a.status = 'planned'`);
    let current = a;
    for (let absence = 1; absence <= 3; absence++) {
      w.clock.set(new Date(new Date(current.starts_at).getTime() + 3600_000));
      const res = await api().post(`/convocation/appointments/${current.id}/attendance`).set(coordinator).send({ attendance: 'absent' }).expect(200);
      expect(res.body.next).toBe(absence <= 2 ? 'relance' : 'ep-review');
      if (absence === 3) break;
      await w.plan();
      const [next] = await appointments(`a.path_id = '${a.path_id}' AND a.status = 'planned'`);
      expect(next.attempt).toBe(absence);
      // A relance within 10 days of the absence, with a letter saying it is one.
      expect(parisDateOf(new Date(next.starts_at)) <= parisDateOf(new Date(w.clock.now().getTime() + 10 * 86400_000))).toBe(true);
      expect(await w.sql(`SELECT kind FROM notification_message WHERE appointment_id = $1 AND channel = 'letter'`, [next.id])).toEqual([{ kind: 'relance' }]);
      current = next;
    }
    const alerts = await api().get('/convocation/territories/roubaix-tourcoing/alerts?kind=ep-review').set(coordinator).expect(200);
    const alert = alerts.body.find((x: { pathId: string }) => x.pathId === a.path_id);
    expect(alert.detail.history.map((h: { status: string }) => h.status)).toEqual(['absent', 'absent', 'absent']);
    expect(alert.nom).toEqual(expect.any(String));
  });

  it('convenes again after an excused absence, and ends the convocation once honoured', async () => {
    const [excused, honoured] = await appointments(`t.territory_id = 'roubaix-tourcoing' AND a.status = 'planned' AND a.attempt = 0`);
    w.clock.set(new Date(Math.max(new Date(excused.starts_at).getTime(), new Date(honoured.starts_at).getTime()) + 3600_000));
    // Begun, an appointment has an outcome to record, not a new date: a move or a cancellation at the
    // person's request would leave no trace of the absence.
    const [free] = await w.sql<{ id: string }>(
      `SELECT s.id FROM convocation_slot s JOIN convocation_appointment a ON a.id = $1 JOIN convocation_slot o ON o.id = a.slot_id
        WHERE s.kind = o.kind AND s.territory_id = o.territory_id AND s.status = 'open' AND s.booked < s.capacity AND s.starts_at > $2 ORDER BY s.starts_at LIMIT 1`,
      [excused.id, w.clock.now()],
    );
    const move = await api().post(`/convocation/appointments/${excused.id}/move`).set(callCentre).send({ slotId: free.id, reasonCode: 'call-centre' }).expect(409);
    expect(move.body.error).toMatchObject({ code: 'CONVOCATION_APPOINTMENT_BEGUN', details: { startsAt: new Date(excused.starts_at).toISOString() } });
    const cancel = await api().post(`/convocation/appointments/${excused.id}/cancel`).set(coordinator).send({ reasonCode: 'person-request' }).expect(409);
    expect(cancel.body.error.code).toBe('CONVOCATION_APPOINTMENT_BEGUN');
    expect(await w.sql(`SELECT status, slot_id = $2 AS same_slot FROM convocation_appointment WHERE id = $1`, [excused.id, free.id])).toEqual([{ status: 'planned', same_slot: false }]);
    // An excuse needs its reason.
    await api().post(`/convocation/appointments/${excused.id}/attendance`).set(coordinator).send({ attendance: 'excused' }).expect(422);
    const res = await api().post(`/convocation/appointments/${excused.id}/attendance`).set(coordinator).send({ attendance: 'excused', reasonCode: 'illness' }).expect(200);
    expect(res.body.next).toBe('reconvene');
    await w.plan();
    const [again] = await appointments(`a.path_id = '${excused.path_id}' AND a.status = 'planned'`);
    expect(await w.sql(`SELECT kind FROM notification_message WHERE appointment_id = $1 AND channel = 'letter'`, [again.id])).toEqual([{ kind: 'convocation' }]);
    await api().post(`/convocation/appointments/${honoured.id}/attendance`).set(coordinator).send({ attendance: 'honoured' }).expect(200);
    expect(await w.sql(`SELECT state FROM convocation_track WHERE path_id = $1`, [honoured.path_id])).toEqual([{ state: 'honoured' }]);
    // Attendance before the appointment starts is refused.
    await api().post(`/convocation/appointments/${again.id}/attendance`).set(coordinator).send({ attendance: 'honoured' }).expect(409);
  });

  it('invites first where the territory says so: invitation, reminder at 3 days, booking, or convocation at expiry', async () => {
    await api()
      .put('/convocation/territories/lille/policy')
      .set(dpo)
      .send({ ...DEFAULT_POLICY, inviteFirst: true })
      .expect(200);
    w.clock.set('2027-01-04T10:00:00+01:00'); // Monday
    await w.importDaily(120, 'conv-invite', '2027-01-04');
    // They agreed to SMS: the invitation goes by letter and SMS, its reminder by SMS.
    const entrants = await w.sql<{ person_id: string }>(
      `SELECT p.person_id FROM beneficiary_path p WHERE p.status = 'open' AND NOT EXISTS (SELECT 1 FROM convocation_track t WHERE t.path_id = p.id) ORDER BY p.person_id`,
    );
    await w.consent(entrants.map((e) => e.person_id), { sms: true });
    const report = (await w.plan()) as { invited: number };
    expect(report.invited).toBeGreaterThan(1);
    // The first of them alone in their dossier, for the booking below; the others by path.
    const invited = await w.sql<{ path_id: string; person_id: string }>(
      `SELECT t.path_id, t.person_id FROM convocation_track t JOIN beneficiary_path p ON p.id = t.path_id WHERE t.state = 'invited'
        ORDER BY (SELECT count(*) FROM beneficiary_path q WHERE q.dossier_id = p.dossier_id) > 1, t.path_id`,
    );
    await w.drain();
    expect(count(await messages(`kind = 'invitation' AND channel = 'letter' AND status = 'sent'`))).toBe(invited.length);

    // The first one books by phone; the others reach the expiry and are convened.
    const slots = await api().get('/convocation/territories/lille/slots?from=2027-01-06&to=2027-01-15&withRoom=true').set(callCentre).expect(200);
    await api().post(`/convocation/paths/${invited[0].path_id}/appointments`).set(callCentre).send({ slotId: slots.body[0].id }).expect(201);

    // The right of the second one (alone in their dossier too) closes before they book: the invitation is withdrawn, and they are told, the ways it went.
    const [withdrawn] = await w.sql<{ dossier_id: string }>(`SELECT dossier_id FROM beneficiary_path WHERE id = $1`, [invited[1].path_id]);
    await w.sql(`UPDATE beneficiary_dossier SET etatdosrsa = '6' WHERE id = $1`, [withdrawn.dossier_id]);
    w.clock.set('2027-01-05T10:00:00+01:00');
    expect(await w.plan()).toMatchObject({ withdrawn: 1 });
    expect(await w.sql(`SELECT state FROM convocation_track WHERE path_id = $1`, [invited[1].path_id])).toEqual([{ state: 'to-plan' }]);
    const invitationOf = (pathId: string) =>
      w.sql<{ channel: string; kind: string; status: string; outcome: string | null }>(
        `SELECT channel, kind, status, outcome FROM notification_message WHERE path_id = $1 AND kind LIKE 'invitation%' ORDER BY kind, channel`,
        [pathId],
      );
    const sentBy = (await invitationOf(invited[1].path_id)).filter((m) => m.kind === 'invitation' && m.status === 'sent').map((m) => m.channel);
    expect(sentBy).toEqual(['letter', 'sms']);
    expect((await invitationOf(invited[1].path_id)).filter((m) => m.kind === 'invitation-reminder').map((m) => [m.status, m.outcome])).toEqual(
      sentBy.filter((c) => c !== 'letter').map(() => ['cancelled', 'invitation-withdrawn']),
    );
    await w.drain();
    expect((await invitationOf(invited[1].path_id)).filter((m) => m.kind === 'invitation-withdrawn').map((m) => [m.channel, m.status])).toEqual(
      sentBy.map((c) => [c, 'sent']),
    );
    expect(await w.plan()).toMatchObject({ withdrawn: 0 });

    // The reminders' day: the others are reminded; not the one who booked.
    w.clock.set('2027-01-07T10:30:00+01:00');
    await w.sweep();
    await w.drain();
    w.clock.set('2027-01-10T12:00:00+01:00');
    await w.plan();
    const [stillInvited] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM convocation_track WHERE state = 'invited'`);
    expect(stillInvited.n).toBe(0);
    const convened = await w.sql<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM convocation_track WHERE path_id = ANY($1::uuid[]) GROUP BY state ORDER BY state`, [invited.map((i) => i.path_id)]);
    expect(convened).toEqual([
      { state: 'convened', n: invited.length - 1 },
      { state: 'to-plan', n: 1 },
    ]);
    await w.sweep();
    await w.drain();
    // The booked one's invitation reminder was never sent (answered), the others' were skipped or sent before the expiry.
    const reminders = await w.sql<{ status: string; outcome: string | null }>(`SELECT status, outcome FROM notification_message WHERE path_id = $1 AND kind = 'invitation-reminder'`, [invited[0].path_id]);
    expect(reminders).toEqual([{ status: 'skipped', outcome: 'invitation-answered' }]);
  });

  it('shows the territory its alerts and figures, and no one else', async () => {
    const flandres = await api().get('/convocation/territories/flandres/alerts?kind=no-slot').set(dpo).expect(200);
    expect(flandres.body.length).toBeGreaterThan(0);
    await api().get('/convocation/territories/flandres/alerts').set(coordinator).expect(403);
    const figures = await api().get('/convocation/territories/roubaix-tourcoing/figures').set(coordinator).expect(200);
    expect(figures.body.firstAppointments).toEqual({ withinDeadline: expect.any(Number), late: 0 });
    expect(figures.body.tracks['ep-review']).toBe(1);
    await api().get('/convocation/territories/roubaix-tourcoing/figures').set(callCentre).expect(403);
  });

  it('cancels an appointment that has begun for the structure’s own reason: the person is convened again, no absence recorded', async () => {
    const [unheld] = await appointments(`t.territory_id = 'roubaix-tourcoing' AND a.status = 'planned' AND a.starts_at < '${w.clock.now().toISOString()}'`);
    // Only the territory's coordinators: a cancellation after the start erases what attendance would record.
    await api().post(`/convocation/appointments/${unheld.id}/cancel`).set(callCentre).send({ reasonCode: 'error' }).expect(403);
    await api().post(`/convocation/appointments/${unheld.id}/cancel`).set(coordinator).send({ reasonCode: 'professional-absent' }).expect(200);
    expect(await w.sql(`SELECT state, last_outcome FROM convocation_track WHERE path_id = $1`, [unheld.path_id])).toEqual([{ state: 'to-plan', last_outcome: null }]);
  });
});
