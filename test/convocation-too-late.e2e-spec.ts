import { workerActor } from '@rsa/access';
import { ConvocationQueries, MessageSender } from '@rsa/convocation';
import { convocationWorldHooks, seeder, type ConvocationWorld } from './support/convocation-world';

/**
 * A convocation letter that cannot leave before its appointment (the sender stopped between the
 * planning and the appointment) must not leave the person convened to an appointment they know
 * nothing of: they are convened again. One who confirmed it (by phone) keeps it, and the coordinator
 * is told the letter did not go.
 */
describe('convocation: a letter that could not leave before its appointment (e2e)', () => {
  let w: ConvocationWorld;

  convocationWorldHooks('2026-12-07T08:00:00+01:00', { territoryIds: ['roubaix-tourcoing', 'lille'], from: '2026-12-08', to: '2027-01-29' }, (world) => {
    w = world;
  });

  it('convenes again whoever was told nothing, and alerts for whoever confirmed', async () => {
    await w.importDaily(40, 'conv-too-late', '2026-12-06');
    await w.plan();
    const first = await w.sql<{ id: string; path_id: string; person_id: string; slot_id: string; starts_at: Date }>(
      `SELECT a.id, a.path_id, a.person_id, a.slot_id, a.starts_at FROM convocation_appointment a WHERE a.status = 'planned' ORDER BY a.starts_at, a.id`,
    );
    expect(first.length).toBeGreaterThanOrEqual(3);
    // Nothing has gone out yet (the sender did not run); one person confirms by phone meanwhile.
    expect(await w.sql(`SELECT count(*)::int AS n FROM notification_message WHERE status = 'sent'`)).toEqual([{ n: 0 }]);
    const confirmed = first[0];
    await w.sql(`UPDATE convocation_appointment SET status = 'confirmed' WHERE id = $1`, [confirmed.id]);
    const booked = async (slotId: string) => (await w.sql<{ booked: number }>(`SELECT booked FROM convocation_slot WHERE id = $1`, [slotId]))[0].booked;
    const slots = [...new Set(first.map((a) => a.slot_id))];
    const bookedBefore = new Map(await Promise.all(slots.map(async (id) => [id, await booked(id)] as const)));

    // The sender comes back after every one of these appointments has begun, and after their 15 days.
    const back = new Date('2026-12-28T09:00:00+01:00');
    expect(Math.max(...first.map((a) => new Date(a.starts_at).getTime()))).toBeLessThan(back.getTime());
    expect(await w.sql(`SELECT DISTINCT to_char(convocation_deadline, 'YYYY-MM-DD') AS deadline FROM beneficiary_path WHERE id = ANY($1::uuid[])`, [first.map((a) => a.path_id)])).toEqual([
      { deadline: '2026-12-21' },
    ]);
    w.clock.set(back);
    await w.drain();

    const letters = await w.sql<{ appointment_id: string; status: string; outcome: string }>(
      `SELECT appointment_id, status, outcome FROM notification_message WHERE channel = 'letter' AND kind = 'convocation' AND appointment_id = ANY($1::uuid[])`,
      [first.map((a) => a.id)],
    );
    expect(letters).toHaveLength(first.length);
    expect(letters.every((l) => l.status === 'skipped' && l.outcome === 'too-late')).toBe(true);

    // The one who confirmed keeps the appointment; the coordinator is alerted.
    expect(await w.sql(`SELECT status FROM convocation_appointment WHERE id = $1`, [confirmed.id])).toEqual([{ status: 'confirmed' }]);
    expect(await w.sql(`SELECT kind, detail->>'reason' AS reason FROM convocation_alert WHERE path_id = $1 AND resolved_at IS NULL`, [confirmed.path_id])).toEqual([
      { kind: 'unreachable', reason: 'letter-too-late' },
    ]);

    // The others' appointments are cancelled, their slots freed, and they wait to be convened again.
    for (const a of first.slice(1)) {
      expect(await w.sql(`SELECT status FROM convocation_appointment WHERE id = $1`, [a.id])).toEqual([{ status: 'cancelled' }]);
      expect(await w.sql(`SELECT status_from, status_to, reason FROM convocation_appointment_event WHERE appointment_id = $1 AND status_to = 'cancelled'`, [a.id])).toEqual([
        { status_from: 'planned', status_to: 'cancelled', reason: 'not-convened-in-time' },
      ]);
      // Told nothing of it, they are told nothing of its end either.
      expect(await w.sql(`SELECT count(*)::int AS n FROM notification_message WHERE appointment_id = $1 AND kind = 'cancelled'`, [a.id])).toEqual([{ n: 0 }]);
    }
    for (const slot of slots) {
      const cancelled = first.slice(1).filter((a) => a.slot_id === slot).length;
      expect(await booked(slot)).toBe((bookedBefore.get(slot) as number) - cancelled);
    }
    const waiting = await w.sql<{ state: string; appointment_id: string | null }>(`SELECT state, appointment_id FROM convocation_track WHERE path_id = ANY($1::uuid[])`, [
      first.slice(1).map((a) => a.path_id),
    ]);
    expect(waiting.every((t) => t.state === 'to-plan' && t.appointment_id === null)).toBe(true);

    // The planner convenes them again, to appointments still ahead, and the letters go.
    await w.plan();
    await w.drain();
    const again = await w.sql<{ person_id: string; starts_at: Date; letter: string }>(
      `SELECT a.person_id, a.starts_at,
              (SELECT m.status FROM notification_message m WHERE m.appointment_id = a.id AND m.channel = 'letter' AND m.kind = 'convocation') AS letter
         FROM convocation_appointment a WHERE a.path_id = ANY($1::uuid[]) AND a.status = 'planned'`,
      [first.slice(1).map((a) => a.path_id)],
    );
    expect(again.map((a) => a.person_id).sort()).toEqual(first.slice(1).map((a) => a.person_id).sort());
    for (const a of again) {
      expect(new Date(a.starts_at).getTime()).toBeGreaterThan(w.clock.now().getTime());
      expect(a.letter).toBe('sent');
    }

    // The territories' figures: the 15-day rule held for the one who confirmed, not for those
    // convened again after it (their cancelled first appointment convened no one).
    const territories = await w.sql<{ territory_id: string }>(`SELECT DISTINCT territory_id FROM convocation_track WHERE path_id = ANY($1::uuid[])`, [first.map((a) => a.path_id)]);
    const queries = w.app.get(ConvocationQueries);
    const totals = { withinDeadline: 0, late: 0 };
    for (const { territory_id } of territories) {
      const { firstAppointments } = await queries.figures(seeder, territory_id);
      totals.withinDeadline += firstAppointments.withinDeadline;
      totals.late += firstAppointments.late;
    }
    expect(totals).toEqual({ withinDeadline: 1, late: first.length - 1 });
  });
});

/**
 * The sender back before the appointments, but too late for the post: a letter that would now
 * arrive after its appointment is treated as one that could not leave before it, and its person
 * convened again; letters that can still arrive in time go.
 */
describe('convocation: a letter that can no longer arrive before its appointment (e2e)', () => {
  let w: ConvocationWorld;

  convocationWorldHooks('2026-12-07T08:00:00+01:00', { territoryIds: ['roubaix-tourcoing', 'lille'], from: '2026-12-08', to: '2027-01-29' }, (world) => {
    w = world;
  });

  it('convenes again whoever its letter would reach after the appointment, to an appointment their letter reaches in time', async () => {
    await w.importDaily(60, 'conv-post-late', '2026-12-06');
    // Two people gave a mobile number with SMS consent: the first one's SMS will tell them, the second one's will be refused.
    const entrants = (
      await w.sql<{ person_id: string }>(
        `SELECT p.person_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN access_territory_commune tc ON tc.insee = d.commune_insee
          WHERE p.status = 'open' AND p.origin = 'flux' AND tc.territory_id IN ('roubaix-tourcoing', 'lille') ORDER BY p.person_id LIMIT 2`,
      )
    ).map((r) => r.person_id);
    await w.consent(entrants, { sms: true });
    await w.plan(); // Monday 7 December: appointments from Wednesday 9 on, two working days for the post
    const all = await w.sql<{ id: string; path_id: string; person_id: string; day: string }>(
      `SELECT id, path_id, person_id, to_char(starts_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day FROM convocation_appointment WHERE status = 'planned' ORDER BY starts_at, id`,
    );
    // All on Wednesday 9, the first day the post allows.
    expect(all.length).toBeGreaterThan(1);
    expect(new Set(all.map((a) => a.day))).toEqual(new Set(['2026-12-09']));
    const toldBySms = all.find((a) => a.person_id === entrants[0]);
    const smsRefused = all.find((a) => a.person_id === entrants[1]);
    expect(toldBySms).toBeDefined();
    expect(smsRefused).toBeDefined();
    const soon = all.filter((a) => a !== toldBySms);

    // The sender comes back on Tuesday at 10:00, a day before the appointments: its post arrives on
    // Thursday, after them.
    w.clock.set('2026-12-08T10:00:00+01:00');
    // The SMS go first (each channel has its batches, run side by side): the texted person's leaves
    // and tells them; the second person's is refused by the provider, so nobody told them.
    const smsOf = async (appointmentId: string | undefined) =>
      (await w.sql<{ id: string }>(`SELECT id FROM notification_message WHERE appointment_id = $1 AND kind = 'convocation' AND channel = 'sms' AND status = 'pending'`, [appointmentId])).map((m) => m.id);
    const sender = w.app.get(MessageSender);
    await sender.sendBatch(workerActor('convocation'), await smsOf(toldBySms?.id));
    w.sms.failNext({ count: 1, status: 422, reason: 'unknown-number' });
    await sender.sendBatch(workerActor('convocation'), await smsOf(smsRefused?.id));
    expect(await w.sql(`SELECT status FROM notification_message WHERE appointment_id = $1 AND channel = 'sms' AND kind = 'convocation'`, [smsRefused?.id])).toEqual([{ status: 'failed' }]);
    await w.drain();
    const letter = async (appointmentId: string) =>
      (await w.sql<{ status: string; outcome: string | null }>(`SELECT status, outcome FROM notification_message WHERE appointment_id = $1 AND channel = 'letter' AND kind = 'convocation'`, [appointmentId]))[0];
    for (const a of soon) {
      expect(await letter(a.id)).toEqual({ status: 'skipped', outcome: 'too-late' });
      expect(await w.sql(`SELECT status FROM convocation_appointment WHERE id = $1`, [a.id])).toEqual([{ status: 'cancelled' }]);
    }
    // The one whose SMS left was told: the appointment stands, the coordinator is alerted for the letter.
    const told = toldBySms as { id: string; path_id: string };
    expect(await letter(told.id)).toEqual({ status: 'skipped', outcome: 'too-late' });
    expect(await w.sql(`SELECT status FROM notification_message WHERE appointment_id = $1 AND channel = 'sms' AND kind = 'convocation'`, [told.id])).toEqual([{ status: 'sent' }]);
    expect(await w.sql(`SELECT status FROM convocation_appointment WHERE id = $1`, [told.id])).toEqual([{ status: 'planned' }]);
    expect(await w.sql(`SELECT kind, detail->>'reason' AS reason FROM convocation_alert WHERE path_id = $1 AND resolved_at IS NULL`, [told.path_id])).toEqual([
      { kind: 'unreachable', reason: 'letter-too-late' },
    ]);

    // Convened again, to appointments their letter can reach in time, and those letters go.
    await w.plan();
    await w.drain();
    const again = await w.sql<{ day: string; letter: string }>(
      `SELECT to_char(a.starts_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day,
              (SELECT m.status FROM notification_message m WHERE m.appointment_id = a.id AND m.channel = 'letter' AND m.kind = 'convocation') AS letter
         FROM convocation_appointment a WHERE a.path_id = ANY($1::uuid[]) AND a.status = 'planned'`,
      [soon.map((a) => a.path_id)],
    );
    expect(again).toHaveLength(soon.length);
    for (const a of again) expect(a).toEqual({ day: expect.any(String), letter: 'sent' });
    // Tuesday's post arrives on Thursday: Thursday's appointments at the earliest.
    expect(again.every((a) => a.day >= '2026-12-10')).toBe(true);
  });
});
