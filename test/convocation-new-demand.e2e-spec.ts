import { generateHouseholds, type GenHousehold } from '@rsa/testing';
import { convocationWorldHooks, type ConvocationWorld } from './support/convocation-world';

/**
 * Someone convened who comes back to the RSA with a new demand (CAF-FORMAT §13.3): the intake closes
 * the old dossier's path and opens one for the new dossier. The convocation under way must follow
 * them once, not twice: kept for the new path in the same territory, ended when they moved to another.
 */
describe('convocation: a path the intake closes for a new demand (e2e)', () => {
  let w: ConvocationWorld;
  const households = [...generateHouseholds('conv-new-demand', 60, { kind: 'daily', referenceDate: '2026-12-07' })];

  convocationWorldHooks('2026-12-07T08:00:00+01:00', { territoryIds: ['roubaix-tourcoing', 'lille'], from: '2026-12-08', to: '2027-01-29' }, (world) => {
    w = world;
  });

  const importDaily = (name: string, date: string, list: GenHousehold[]) => w.importHouseholds(name, 'conv-new-demand', date, list);
  const byNumdemrsa = (numdemrsa: string) => households.find((h) => h.demandeRsa.numdemrsa === numdemrsa)!;
  const activeAppointments = (personId: string) =>
    w.sql<{ id: string; path_id: string; status: string }>(
      `SELECT id, path_id, status FROM convocation_appointment WHERE person_id = $1 AND status IN ('planned', 'confirmed', 'moved')`,
      [personId],
    );
  const pathsOf = (personId: string) =>
    w.sql<{ id: string; status: string; close_reason: string | null }>(`SELECT id, status, close_reason FROM beneficiary_path WHERE person_id = $1 ORDER BY opened_at`, [personId]);

  it('keeps the appointment for the new path in the same territory, and ends it for someone who moved to another', async () => {
    expect((await importDaily('d1', '2026-12-07', households)).status).toBe('imported');
    await w.plan();
    // Their convocations go out.
    await w.drain();
    // Dossiers with one person convened, by territory.
    const convened = await w.sql<{ numdemrsa: string; person_id: string; territory_id: string; appointment_id: string }>(
      `SELECT d.numdemrsa, a.person_id, tc.territory_id, a.id AS appointment_id
         FROM convocation_appointment a JOIN beneficiary_path p ON p.id = a.path_id JOIN beneficiary_dossier d ON d.id = p.dossier_id
         JOIN access_territory_commune tc ON tc.insee = d.commune_insee
        WHERE (SELECT count(*) FROM beneficiary_path q WHERE q.dossier_id = d.id) = 1
        ORDER BY d.numdemrsa`,
    );
    const territories = await w.sql<{ numdemrsa: string; territory_id: string }>(
      `SELECT d.numdemrsa, tc.territory_id FROM beneficiary_dossier d JOIN access_territory_commune tc ON tc.insee = d.commune_insee`,
    );
    expect(convened.length).toBeGreaterThanOrEqual(2);
    const [stays, moves] = convened;
    const elsewhere = territories.find((t) => t.territory_id !== moves.territory_id)!;
    expect(elsewhere).toBeDefined();

    // Their rights close; weeks later, the two come back in new dossiers, the second at another address.
    w.clock.set('2026-12-08T08:00:00+01:00');
    const [a, b] = [byNumdemrsa(stays.numdemrsa), byNumdemrsa(moves.numdemrsa)];
    expect((await importDaily('d2', '2026-12-08', [{ ...a, etatdosrsa: '6' }, { ...b, etatdosrsa: '6' }])).status).toBe('imported');
    w.clock.set('2026-12-09T08:00:00+01:00');
    const back = await importDaily('d3', '2026-12-09', [
      { ...a, demandeRsa: { numdemrsa: '99000000001', dtdemrsa: '2026-12-09' } },
      { ...b, demandeRsa: { numdemrsa: '99000000002', dtdemrsa: '2026-12-09' }, addresses: byNumdemrsa(elsewhere.numdemrsa).addresses },
    ]);
    expect(back).toMatchObject({ status: 'imported', entrants: 2 });

    const report = (await w.plan()) as { carriedOver: number; ended: number; registered: number };
    expect(report).toMatchObject({ carriedOver: 1, ended: 1, registered: 1 });

    // The first keeps their appointment, now on the new path; its reminders follow it.
    const [oldA, newA] = await pathsOf(stays.person_id);
    expect([oldA.status, oldA.close_reason, newA.status]).toEqual(['closed', 'new-demand', 'open']);
    expect(await activeAppointments(stays.person_id)).toEqual([{ id: stays.appointment_id, path_id: newA.id, status: 'planned' }]);
    expect(await w.sql(`SELECT path_id, state FROM convocation_track WHERE person_id = $1`, [stays.person_id])).toEqual([{ path_id: newA.id, state: 'convened' }]);
    expect(await w.sql(`SELECT count(*)::int AS n FROM notification_message WHERE person_id = $1 AND status = 'pending' AND path_id <> $2`, [stays.person_id, newA.id])).toEqual([{ n: 0 }]);
    expect(await w.sql(`SELECT status_from, status_to, reason FROM convocation_appointment_event WHERE appointment_id = $1 AND reason = 'new-demand'`, [stays.appointment_id])).toEqual([
      { status_from: 'planned', status_to: 'planned', reason: 'new-demand' },
    ]);

    // The second's old appointment, in the old territory, is cancelled and its slot freed; the new path is convened where they live now.
    const [oldB, newB] = await pathsOf(moves.person_id);
    expect(await w.sql(`SELECT status FROM convocation_appointment WHERE id = $1`, [moves.appointment_id])).toEqual([{ status: 'cancelled' }]);
    expect(await w.sql(`SELECT reason FROM convocation_appointment_event WHERE appointment_id = $1 AND status_to = 'cancelled'`, [moves.appointment_id])).toEqual([{ reason: 'path-closed' }]);
    expect(await w.sql(`SELECT state FROM convocation_track WHERE path_id = $1`, [oldB.id])).toEqual([{ state: 'closed' }]);
    expect(await w.sql(`SELECT count(*)::int AS n FROM notification_message WHERE path_id = $1 AND status = 'pending'`, [oldB.id])).toEqual([{ n: 0 }]);
    expect(await w.sql(`SELECT territory_id FROM convocation_track WHERE path_id = $1`, [newB.id])).toEqual([{ territory_id: elsewhere.territory_id }]);
    expect((await activeAppointments(moves.person_id)).every((x) => x.path_id === newB.id)).toBe(true);
    expect((await activeAppointments(moves.person_id)).length).toBeLessThanOrEqual(1);
    const [overbooked] = await w.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM convocation_slot s WHERE s.booked <> (SELECT count(*) FROM convocation_appointment a WHERE a.slot_id = s.id AND a.status IN ('planned', 'confirmed', 'moved'))`,
    );
    expect(overbooked.n).toBe(0);

    // They are told the old appointment is off, by letter at their new address; the new convocation follows.
    await w.drain();
    const told = await w.sql<{ status: string; path_id: string; kind: string }>(
      `SELECT status, path_id, kind FROM notification_message WHERE appointment_id = $1 AND kind = 'cancelled'`,
      [moves.appointment_id],
    );
    expect(told).toEqual([{ status: 'sent', path_id: newB.id, kind: 'cancelled' }]);
    expect(await w.sql(`SELECT count(*)::int AS n FROM notification_message WHERE appointment_id = $1 AND kind = 'cancelled'`, [stays.appointment_id])).toEqual([{ n: 0 }]);

    // Recorded against both persons, and done once.
    const [audit] = await w.sql<{ subject_ids: string[]; detail: object }>(
      `SELECT subject_ids::text[] AS subject_ids, detail FROM audit_event WHERE action = 'convocation.follow-closed-paths'`,
    );
    expect([...audit.subject_ids].sort()).toEqual([stays.person_id, moves.person_id].sort());
    expect(audit.detail).toEqual({ carriedOver: 1, ended: 1 });
    expect(await w.plan()).toMatchObject({ carriedOver: 0, ended: 0 });
  });
  it('convenes at once, not the next day, someone held when their right closed who comes back in the same territory', async () => {
    // A new entrant, convened.
    w.clock.set('2026-12-10T08:00:00+01:00');
    const [h] = [...generateHouseholds('conv-new-demand-held', 10, { kind: 'daily', referenceDate: '2026-12-10' })].filter((x) => x.persons.length === 1);
    expect(h).toBeDefined();
    expect(await importDaily('d4', '2026-12-10', [h])).toMatchObject({ entrants: 1 });
    await w.plan();
    const [held] = await w.sql<{ person_id: string; appointment_id: string }>(
      `SELECT a.person_id, a.id AS appointment_id FROM convocation_appointment a JOIN beneficiary_path p ON p.id = a.path_id JOIN beneficiary_dossier d ON d.id = p.dossier_id
        WHERE d.numdemrsa = $1 AND a.status = 'planned'`,
      [h.demandeRsa.numdemrsa],
    );
    expect(held).toBeDefined();
    // The right closes: the planner withdraws the appointment and looks again the next day.
    w.clock.set('2026-12-11T08:00:00+01:00');
    expect((await importDaily('d5', '2026-12-11', [{ ...h, etatdosrsa: '6' }])).status).toBe('imported');
    await w.plan();
    expect(await w.sql(`SELECT status FROM convocation_appointment WHERE id = $1`, [held.appointment_id])).toEqual([{ status: 'cancelled' }]);
    const [track] = await w.sql<{ state: string; later: boolean }>(`SELECT state, next_action_at > $2 AS later FROM convocation_track WHERE person_id = $1`, [held.person_id, w.clock.now()]);
    expect(track).toEqual({ state: 'to-plan', later: true });
    // Back with a new demand the same day, at the same address: the new path's 15 days have begun, they are convened now.
    w.clock.set('2026-12-11T10:00:00+01:00');
    expect(await importDaily('d6', '2026-12-11', [{ ...h, demandeRsa: { numdemrsa: '99000000003', dtdemrsa: '2026-12-11' } }])).toMatchObject({ entrants: 1 });
    expect(await w.plan()).toMatchObject({ carriedOver: 1 });
    const [, newPath] = await pathsOf(held.person_id);
    expect(await w.sql(`SELECT state FROM convocation_track WHERE path_id = $1`, [newPath.id])).toEqual([{ state: 'convened' }]);
    expect(await activeAppointments(held.person_id)).toEqual([expect.objectContaining({ path_id: newPath.id })]);
  });
});
