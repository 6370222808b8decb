import { randomUUID } from 'node:crypto';
import { Permission, systemActor } from '@rsa/kernel';
import { AppointmentCommands } from '@rsa/convocation';
import { convocationWorldHooks, type ConvocationWorld } from './support/convocation-world';

/**
 * The convocation is to the co-diagnostic: a person whose path already has a diagnostic or an
 * orientation (a co-diagnostic held another way, a person already accompanied, one who left the
 * path) is not convened to it, nor relanced up to the EP review; a convocation under way ends, with
 * a notice for an appointment they were told of. With the orientation context loaded, as in the API
 * and the worker.
 */
describe('convocation: nobody convened to a co-diagnostic already held (e2e)', () => {
  let w: ConvocationWorld;
  const desk = systemActor('test:desk', 'cli', [Permission.AppointmentManage, Permission.AppointmentRead]);

  convocationWorldHooks(
    '2027-01-11T09:30:00+01:00',
    { territoryIds: ['roubaix-tourcoing', 'lille'], from: '2027-01-12', to: '2027-02-26' },
    (world) => {
      w = world;
    },
    { orientation: true },
  );

  /** What the orientation context writes when the co-diagnostic is recorded (only its path matters here). */
  const diagnose = (path: { path_id: string; person_id: string }) =>
    w.sql(`INSERT INTO orientation_diagnostic (id, person_id, path_id, modality, advice, created_by) VALUES ($1, $2, $3, 'co-diagnostic', '{}'::jsonb, 'test')`, [
      randomUUID(),
      path.person_id,
      path.path_id,
    ]);
  const track = async (pathId: string) =>
    (await w.sql<{ state: string; next_action_at: Date | null }>(`SELECT state, next_action_at FROM convocation_track WHERE path_id = $1`, [pathId]))[0];
  const appointments = (pathId: string) =>
    w.sql<{ id: string; status: string; starts_at: Date; slot_id: string }>(`SELECT id, status, starts_at, slot_id FROM convocation_appointment WHERE path_id = $1 ORDER BY created_at`, [pathId]);

  let paths: { path_id: string; person_id: string }[];

  it('does not convene a person whose path has its diagnostic, and convenes the others', async () => {
    await w.importDaily(40, 'already-diagnosed', '2027-01-11');
    paths = await w.sql<{ path_id: string; person_id: string }>(
      `SELECT p.id AS path_id, p.person_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN access_territory_commune tc ON tc.insee = d.commune_insee
        WHERE tc.territory_id IN ('roubaix-tourcoing', 'lille') AND p.status = 'open' ORDER BY p.person_id`,
    );
    expect(paths.length).toBeGreaterThanOrEqual(4);
    const [diagnosed] = paths;
    await diagnose(diagnosed);

    const report = (await w.plan()) as { alreadyDiagnosed: number; convened: number; held: number };
    expect(report.alreadyDiagnosed).toBe(1);
    expect(report.convened + report.held).toBe(paths.length - 1);
    expect(await appointments(diagnosed.path_id)).toEqual([]);
    expect(await track(diagnosed.path_id)).toEqual({ state: 'closed', next_action_at: null });
    // Nothing for them in the outbox either.
    expect(await w.sql(`SELECT id FROM notification_message WHERE path_id = $1`, [diagnosed.path_id])).toEqual([]);
    // The batch's audit entry names whom it convened and whom it did not convene for this reason.
    const [named] = await w.sql<{ subject_ids: string[] }>(`SELECT subject_ids::text[] AS subject_ids FROM audit_event WHERE action = 'convocation.plan.batch'`);
    expect(named.subject_ids).toEqual(expect.arrayContaining([diagnosed.person_id, paths[1].person_id]));
    // And it stays so.
    expect(await w.plan()).toMatchObject({ alreadyDiagnosed: 0, convened: 0 });
  });

  it('cancels the appointment to come of a person diagnosed meanwhile, tells them, and frees the slot', async () => {
    const convened = paths[1];
    const [appointment] = await appointments(convened.path_id);
    expect(appointment).toMatchObject({ status: 'planned' });
    await w.drain();
    const booked = async () => (await w.sql<{ booked: number }>(`SELECT booked FROM convocation_slot WHERE id = $1`, [appointment.slot_id]))[0].booked;
    const before = await booked();

    await diagnose(convened);
    expect(await w.plan()).toMatchObject({ alreadyDiagnosed: 1, convened: 0 });
    expect((await appointments(convened.path_id)).map((a) => a.status)).toEqual(['cancelled']);
    expect(await booked()).toBe(before - 1);
    expect(await track(convened.path_id)).toEqual({ state: 'closed', next_action_at: null });
    const notices = await w.sql<{ kind: string; channel: string }>(`SELECT kind, channel FROM notification_message WHERE appointment_id = $1 AND kind = 'cancelled'`, [appointment.id]);
    expect(notices.map((n) => n.channel)).toContain('letter');
    const [event] = await w.sql<{ reason: string }>(`SELECT reason FROM convocation_appointment_event WHERE appointment_id = $1 AND status_to = 'cancelled'`, [appointment.id]);
    expect(event.reason).toBe('already-diagnosed');
    const [audit] = await w.sql<{ subject_ids: string[] }>(`SELECT subject_ids::text[] AS subject_ids FROM audit_event WHERE action = 'convocation.withdraw' ORDER BY seq DESC LIMIT 1`);
    expect(audit.subject_ids).toContain(convened.person_id);
  });

  it('does not relance up to the EP a person recorded absent whose co-diagnostic was then held', async () => {
    const absent = paths[2];
    const [appointment] = await appointments(absent.path_id);
    expect(appointment).toMatchObject({ status: 'planned' });
    w.clock.set(new Date(new Date(appointment.starts_at).getTime() + 30 * 60_000).toISOString());
    const answer = await w.app.get(AppointmentCommands).recordAttendance(desk, appointment.id, 'absent', null);
    expect(answer).toMatchObject({ next: 'relance' });
    // They came by the next day; the co-diagnostic is recorded before the planner's next run.
    await diagnose(absent);
    expect(await w.plan()).toMatchObject({ alreadyDiagnosed: 1, convened: 0 });
    expect((await appointments(absent.path_id)).map((a) => a.status)).toEqual(['absent']);
    expect(await track(absent.path_id)).toMatchObject({ state: 'closed' });
  });
});
