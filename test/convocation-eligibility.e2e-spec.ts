import { convocationWorldHooks, type ConvocationWorld } from './support/convocation-world';

/**
 * DOMAIN.md §2: someone whose right closed, who left the household or whose dossier moved to another
 * CAF is not convened, even though their path opened before. The planner holds them and looks again
 * the next day: a right that reopens is convened then.
 */
describe('convocation: only people still to convene (e2e)', () => {
  let w: ConvocationWorld;

  convocationWorldHooks('2026-12-07T08:00:00+01:00', { territoryIds: ['roubaix-tourcoing', 'lille'], from: '2026-12-08', to: '2027-01-29' }, (world) => {
    w = world;
  });

  const appointmentsOf = async (personId: string) =>
    (await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM convocation_appointment WHERE person_id = $1`, [personId]))[0].n;

  it('holds a person whose right closed or who left the household, and convenes them once the right reopens', async () => {
    await w.importDaily(60, 'eligibility', '2026-12-07');
    const entrants = await w.sql<{ person_id: string; dossier_id: string }>(
      `SELECT p.person_id, p.dossier_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN access_territory_commune tc ON tc.insee = d.commune_insee
        WHERE tc.territory_id IN ('roubaix-tourcoing', 'lille') AND p.status = 'open' ORDER BY p.person_id`,
    );
    expect(entrants.length).toBeGreaterThanOrEqual(3);
    const [closed, left] = entrants;
    // What a later CAF file leaves: the first one's right closed, the second one detached from the dossier.
    await w.sql(`UPDATE beneficiary_dossier SET etatdosrsa = '5' WHERE id = $1`, [closed.dossier_id]);
    await w.sql(`UPDATE beneficiary_member SET detached_at = now() WHERE person_id = $1`, [left.person_id]);

    // A couple's two entrants share the closed dossier: both are held.
    const held = entrants.filter((e) => e.dossier_id === closed.dossier_id || e.person_id === left.person_id);
    const report = (await w.plan()) as { convened: number; held: number };
    expect(report.held).toBe(held.length);
    expect(report.convened).toBe(entrants.length - held.length);
    expect(await appointmentsOf(closed.person_id)).toBe(0);
    expect(await appointmentsOf(left.person_id)).toBe(0);

    // The right reopens; the next day's planning convenes that person, still not the one who left.
    // (The day's letters go the day they are planned: a day late, they would reach the person after
    // the appointment, and the sender would convene them again.)
    await w.drain();
    await w.sql(`UPDATE beneficiary_dossier SET etatdosrsa = '2' WHERE id = $1`, [closed.dossier_id]);
    w.clock.set('2026-12-08T08:30:00+01:00');
    const next = (await w.plan()) as { convened: number; held: number };
    expect(next).toMatchObject({ convened: held.length - 1, held: 1 });
    expect(await appointmentsOf(closed.person_id)).toBe(1);
    expect(await appointmentsOf(left.person_id)).toBe(0);
  });

  it('withdraws the convocation of someone convened whose right then closes, tells them, and convenes them again once it reopens', async () => {
    const [convened] = await w.sql<{ person_id: string; dossier_id: string; appointment_id: string; slot_id: string }>(
      `SELECT a.person_id, p.dossier_id, a.id AS appointment_id, a.slot_id FROM convocation_appointment a JOIN beneficiary_path p ON p.id = a.path_id
        WHERE a.status = 'planned' AND (SELECT count(*) FROM beneficiary_path q WHERE q.dossier_id = p.dossier_id) = 1 ORDER BY a.person_id LIMIT 1`,
    );
    expect(convened).toBeDefined();
    const booked = async () => (await w.sql<{ booked: number }>(`SELECT booked FROM convocation_slot WHERE id = $1`, [convened.slot_id]))[0].booked;
    const before = await booked();
    // Their convocation goes out; then a later CAF file closes their right, before the appointment.
    await w.drain();
    const told = await w.sql<{ channel: string }>(`SELECT DISTINCT channel FROM notification_message WHERE appointment_id = $1 AND status = 'sent' ORDER BY channel`, [convened.appointment_id]);
    expect(told.map((m) => m.channel)).toContain('letter');
    await w.sql(`UPDATE beneficiary_dossier SET etatdosrsa = '6' WHERE id = $1`, [convened.dossier_id]);
    const report = (await w.plan()) as { withdrawn: number };
    expect(report.withdrawn).toBe(1);
    expect(await w.sql(`SELECT status FROM convocation_appointment WHERE id = $1`, [convened.appointment_id])).toEqual([{ status: 'cancelled' }]);
    expect(await w.sql(`SELECT reason FROM convocation_appointment_event WHERE appointment_id = $1 AND status_to = 'cancelled'`, [convened.appointment_id])).toEqual([
      { reason: 'no-longer-to-convene' },
    ]);
    expect(await booked()).toBe(before - 1);
    expect(await w.sql(`SELECT count(*)::int AS n FROM notification_message WHERE appointment_id = $1 AND status = 'pending' AND kind <> 'cancelled'`, [convened.appointment_id])).toEqual([{ n: 0 }]);
    await w.drain();
    // Told it is off the way they were told of it.
    expect(await w.sql(`SELECT channel, status FROM notification_message WHERE appointment_id = $1 AND kind = 'cancelled' ORDER BY channel`, [convened.appointment_id])).toEqual(
      told.map((m) => ({ channel: m.channel, status: 'sent' })),
    );
    const [audit] = await w.sql<{ subject_ids: string[] }>(`SELECT subject_ids::text[] AS subject_ids FROM audit_event WHERE action = 'convocation.withdraw'`);
    expect(audit.subject_ids).toEqual([convened.person_id]);
    // Planning again the same day changes nothing; the day after, with the right open again, they are convened once more.
    expect(await w.plan()).toMatchObject({ withdrawn: 0, convened: 0 });
    await w.sql(`UPDATE beneficiary_dossier SET etatdosrsa = '2' WHERE id = $1`, [convened.dossier_id]);
    w.clock.set('2026-12-09T09:00:00+01:00');
    expect(await w.plan()).toMatchObject({ withdrawn: 0, convened: 1 });
    expect(await appointmentsOf(convened.person_id)).toBe(2);
  });
});
