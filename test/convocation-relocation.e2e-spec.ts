import { AppointmentCommands } from '@rsa/convocation';
import { Permission, systemActor } from '@rsa/kernel';
import { convocationWorldHooks, type ConvocationWorld } from './support/convocation-world';

/** Whoever cancels an appointment booked in error (a coordinator, as far as this scenario goes). */
const coordinator = systemActor('test:relocation', 'cli', [Permission.AppointmentManage, Permission.ConvocationManage]);

/**
 * Someone who moves house to another territory before they are convened (or convened again) is
 * convened near their new home: the track follows the dossier's commune, under the new territory's
 * policy, with the first territory's "no slot" alert closed. An appointment already booked stays
 * where it is until it is cancelled or missed. And a number that cannot receive SMS gets none.
 */
describe('convocation: a person who moved to another territory, or whose number cannot receive SMS (e2e)', () => {
  let w: ConvocationWorld;

  convocationWorldHooks('2026-12-07T08:00:00+01:00', { territoryIds: ['roubaix-tourcoing', 'lille'], from: '2026-12-08', to: '2027-01-29' }, (world) => {
    w = world;
  });

  const trackOf = async (pathId: string) =>
    (await w.sql<{ territory_id: string; state: string; appointment_id: string | null }>(`SELECT territory_id, state, appointment_id FROM convocation_track WHERE path_id = $1`, [pathId]))[0];
  const territoryOfAppointment = async (appointmentId: string) =>
    (await w.sql<{ territory_id: string }>(`SELECT s.territory_id FROM convocation_appointment a JOIN convocation_slot s ON s.id = a.slot_id WHERE a.id = $1`, [appointmentId]))[0].territory_id;
  const moveHouse = async (pathId: string, insee: string) =>
    w.sql(`UPDATE beneficiary_dossier SET commune_insee = $2 WHERE id = (SELECT dossier_id FROM beneficiary_path WHERE id = $1)`, [pathId, insee]);

  it('convenes them in their new territory, and leaves an appointment already booked where it is until it ends', async () => {
    await w.importDaily(30, 'conv-relocation', '2026-12-06');
    const [{ insee: lilleCommune }] = await w.sql<{ insee: string }>(`SELECT insee FROM access_territory_commune WHERE territory_id = 'lille' ORDER BY insee LIMIT 1`);
    // Everyone convened where they live; then two Roubaix-Tourcoing people move to Lille.
    const planOnce = await w.plan();
    expect(planOnce).toMatchObject({ relocated: 0 });
    const convened = await w.sql<{ path_id: string; person_id: string; appointment_id: string }>(
      `SELECT path_id, person_id, appointment_id FROM convocation_track WHERE territory_id = 'roubaix-tourcoing' AND state = 'convened' ORDER BY path_id LIMIT 2`,
    );
    expect(convened).toHaveLength(2);
    const [stays, rebooked] = convened;
    for (const t of convened) await moveHouse(t.path_id, lilleCommune);

    // Already convened: the appointment booked stays (the planner does not move what the person was told).
    expect(await w.plan()).toMatchObject({ relocated: 0 });
    expect(await trackOf(stays.path_id)).toMatchObject({ territory_id: 'roubaix-tourcoing', state: 'convened' });

    // Cancelled (booked in error): convened again, now in Lille, and the move is in their trail.
    await w.app.get(AppointmentCommands).cancel(coordinator, rebooked.appointment_id, 'error');
    expect(await trackOf(rebooked.path_id)).toMatchObject({ territory_id: 'roubaix-tourcoing', state: 'to-plan' });
    expect(await w.plan()).toMatchObject({ relocated: 1, convened: 1 });
    const after = await trackOf(rebooked.path_id);
    expect(after).toMatchObject({ territory_id: 'lille', state: 'convened' });
    expect(await territoryOfAppointment(after.appointment_id as string)).toBe('lille');
    const [entry] = await w.sql<{ subject_ids: string[]; detail: unknown }>(`SELECT subject_ids, detail FROM audit_event WHERE action = 'convocation.relocate'`);
    expect(entry).toEqual({ subject_ids: [rebooked.person_id], detail: { moves: [{ pathId: rebooked.path_id, from: 'roubaix-tourcoing', to: 'lille' }] } });
  });

  it('closes the first territory’s "no slot" alert when the person waiting for a slot moves away', async () => {
    const [{ insee: lilleCommune }] = await w.sql<{ insee: string }>(`SELECT insee FROM access_territory_commune WHERE territory_id = 'lille' ORDER BY insee LIMIT 1`);
    const [{ path_id: waiting }] = await w.sql<{ path_id: string }>(
      `SELECT path_id FROM convocation_track WHERE territory_id = 'roubaix-tourcoing' AND state = 'convened' ORDER BY path_id OFFSET 2 LIMIT 1`,
    );
    // Waiting for a slot in Roubaix-Tourcoing, alerted there (as the planner leaves it when it finds none).
    const [{ appointment_id }] = await w.sql<{ appointment_id: string }>(`SELECT appointment_id FROM convocation_track WHERE path_id = $1`, [waiting]);
    await w.app.get(AppointmentCommands).cancel(coordinator, appointment_id, 'error');
    await w.sql(`UPDATE convocation_track SET state = 'no-slot' WHERE path_id = $1`, [waiting]);
    await w.sql(
      `INSERT INTO convocation_alert (id, territory_id, kind, path_id, person_id) SELECT gen_random_uuid(), 'roubaix-tourcoing', 'no-slot', path_id, person_id FROM convocation_track WHERE path_id = $1`,
      [waiting],
    );
    await moveHouse(waiting, lilleCommune);
    expect(await w.plan()).toMatchObject({ relocated: 1 });
    expect(await trackOf(waiting)).toMatchObject({ territory_id: 'lille', state: 'convened' });
    expect(await w.sql(`SELECT territory_id, resolved_by FROM convocation_alert WHERE path_id = $1 AND kind = 'no-slot'`, [waiting])).toEqual([
      { territory_id: 'roubaix-tourcoing', resolved_by: 'system:relocated' },
    ]);
  });

  it('plans no SMS to a landline that held SMS consent before the contact form refused it: the letter convenes them', async () => {
    await w.importDaily(20, 'conv-landline', '2026-12-06');
    const [person] = await w.sql<{ person_id: string }>(
      `SELECT p.person_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN access_territory_commune tc ON tc.insee = d.commune_insee
        WHERE p.status = 'open' AND p.origin = 'flux' AND tc.territory_id IN ('roubaix-tourcoing', 'lille')
          AND NOT EXISTS (SELECT 1 FROM convocation_appointment a WHERE a.person_id = p.person_id) ORDER BY p.person_id LIMIT 1`,
    );
    // Stored as it was before the form checked the number's type.
    await w.sql(
      `INSERT INTO beneficiary_contact (person_id, phone, sms_consent, email_consent, consent_at, updated_at, updated_by) VALUES ($1, '+33320123456', true, false, now(), now(), 'test')`,
      [person.person_id],
    );
    await w.plan();
    const channels = await w.sql<{ channel: string }>(`SELECT DISTINCT channel FROM notification_message WHERE person_id = $1 ORDER BY channel`, [person.person_id]);
    expect(channels).toEqual([{ channel: 'letter' }]);
  });
});
