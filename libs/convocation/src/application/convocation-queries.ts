import type { Pool } from 'pg';
import { addDays, Clock, parisWallClockToDate, Permission, type Actor } from '@rsa/kernel';
import { actorRef, type AccessPolicy } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import type { AuditTrail } from '@rsa/platform';
import { ConvocationError, ConvocationErrorCode } from '../domain/convocation-errors';
import { ACTIVE_APPOINTMENT_STATUSES } from '../domain/appointment';
import { requirePlace } from './place-access';

export const ALERT_KINDS = ['no-slot', 'unreachable', 'ep-review'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * What the convocation context shows: a person's convocations (appointments with their history,
 * every message with its status and receipts), a territory's alerts (no slot within the deadline,
 * people we cannot reach, people for the EP review) and its figures; a place's appointments of a
 * day, for whoever receives people there.
 */
export class ConvocationQueries {
  constructor(
    private readonly pool: Pool,
    private readonly access: PersonAccess,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async forPerson(actor: Actor, personId: string) {
    const action = 'convocation.person.read';
    await this.access.require(actor, Permission.AppointmentRead, personId, action);
    const [tracks, appointments, events, messages] = await Promise.all([
      this.pool.query(
        `SELECT path_id AS "pathId", territory_id AS "territoryId", state, to_char(deadline, 'YYYY-MM-DD') AS deadline, attempts, excused,
                last_outcome AS "lastOutcome", appointment_id AS "appointmentId", to_char(invitation_expires_on, 'YYYY-MM-DD') AS "invitationExpiresOn", origin
           FROM convocation_track WHERE person_id = $1`,
        [personId],
      ),
      this.pool.query(
        `SELECT a.id, a.path_id AS "pathId", a.kind, a.status, a.starts_at AS "startsAt", a.version, a.attempt, s.duration_minutes AS "durationMinutes",
                s.reception, pl.name AS "placeName", pl.id AS "placeId"
           FROM convocation_appointment a JOIN convocation_slot s ON s.id = a.slot_id JOIN convocation_place pl ON pl.id = a.place_id
          WHERE a.person_id = $1 ORDER BY a.created_at`,
        [personId],
      ),
      this.pool.query(
        `SELECT e.appointment_id AS "appointmentId", e.status_from AS "from", e.status_to AS "to", e.at, e.by, e.reason
           FROM convocation_appointment_event e JOIN convocation_appointment a ON a.id = e.appointment_id WHERE a.person_id = $1 ORDER BY e.at, e.id`,
        [personId],
      ),
      this.pool.query(
        `SELECT m.id, m.appointment_id AS "appointmentId", m.appointment_version AS "appointmentVersion", m.channel, m.kind, m.status, m.due_at AS "dueAt",
                m.sent_at AS "sentAt", m.attempts, m.outcome,
                (SELECT json_agg(json_build_object('at', r.at, 'provider', r.provider, 'status', r.status, 'error', r.error) ORDER BY r.id)
                   FROM notification_receipt r WHERE r.message_id = m.id) AS receipts
           FROM notification_message m WHERE m.person_id = $1 ORDER BY m.due_at, m.id`,
        [personId],
      ),
    ]);
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'person', id: personId }, subjectIds: [personId] });
    return {
      personId,
      tracks: tracks.rows,
      appointments: appointments.rows.map((a) => ({ ...a, events: events.rows.filter((e) => e.appointmentId === a.id) })),
      messages: messages.rows,
    };
  }

  /**
   * The attendance sheet of a place for a day: who is expected, when, and what was recorded. For the
   * professionals of the place's structure (the referent or counsellor holding the co-diagnostic,
   * who may not have the person's file yet) and for those who work its territory. Names only: no
   * NIR, no address, no contact. Cancelled appointments are left out; one moved elsewhere is no
   * longer this place's.
   */
  async placeDay(actor: Actor, placeId: string, day: string) {
    const action = 'convocation.place.day';
    const [place] = (
      await this.pool.query<{ id: string; name: string; territory_id: string; structure_id: string | null }>(`SELECT id, name, territory_id, structure_id FROM convocation_place WHERE id = $1`, [placeId])
    ).rows;
    if (!place) throw new ConvocationError(ConvocationErrorCode.PlaceNotFound, 'No such place', { placeId });
    const basis = await requirePlace(this.policy, actor, Permission.AppointmentRead, place, { action, target: { type: 'place', id: placeId } });
    const now = this.clock.now();
    const { rows } = await this.pool.query<{ personId: string; startsAt: Date; status: string; anonymised: boolean; nom: string | null; prenom: string | null }>(
      `SELECT a.id, a.kind, a.status, a.starts_at AS "startsAt", s.duration_minutes AS "durationMinutes", s.reception, a.attempt, a.person_id AS "personId",
              pe.anonymised_at IS NOT NULL AS anonymised, pe.nom, pe.prenom
         FROM convocation_appointment a JOIN convocation_slot s ON s.id = a.slot_id JOIN beneficiary_person pe ON pe.id = a.person_id
        WHERE a.place_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 AND a.status <> 'cancelled'
        ORDER BY a.starts_at, pe.nom, pe.prenom, a.id`,
      [placeId, parisWallClockToDate(day, '00:00:00'), parisWallClockToDate(addDays(day, 1), '00:00:00')],
    );
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'place', id: placeId }, subjectIds: rows.map((r) => r.personId), detail: { day, basis, returned: rows.length } });
    return {
      placeId,
      placeName: place.name,
      day,
      appointments: rows.map(({ anonymised, nom, prenom, ...a }) => ({
        ...a,
        nom: anonymised ? null : nom,
        prenom: anonymised ? null : prenom,
        // Attendance is recorded once the appointment has started, while it still expects the person.
        attendanceOpen: (ACTIVE_APPOINTMENT_STATUSES as readonly string[]).includes(a.status) && new Date(a.startsAt).getTime() <= now.getTime(),
      })),
    };
  }

  /** Open alerts of a territory (or all resolved ones too), with what the coordinator needs to act. */
  async alerts(actor: Actor, territoryId: string, filter: { kind?: AlertKind; includeResolved?: boolean }) {
    const action = 'convocation.alert.list';
    await this.gate(actor, territoryId, action);
    const { rows } = await this.pool.query<{ personId: string }>(
      `SELECT al.id, al.kind, al.path_id AS "pathId", al.person_id AS "personId", al.detail, al.created_at AS "createdAt", al.resolved_at AS "resolvedAt",
              pe.nom, pe.prenom, to_char(tk.deadline, 'YYYY-MM-DD') AS deadline, tk.state AS "trackState"
         FROM convocation_alert al JOIN beneficiary_person pe ON pe.id = al.person_id LEFT JOIN convocation_track tk ON tk.path_id = al.path_id
        WHERE al.territory_id = $1 AND ($2::text IS NULL OR al.kind = $2) AND ($3 OR al.resolved_at IS NULL)
        ORDER BY al.created_at, al.id LIMIT 500`,
      [territoryId, filter.kind ?? null, filter.includeResolved === true],
    );
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'territory', id: territoryId }, subjectIds: rows.map((r) => r.personId), detail: { kind: filter.kind ?? null, returned: rows.length } });
    return rows;
  }

  async resolveAlert(actor: Actor, alertId: string) {
    const action = 'convocation.alert.resolve';
    const [alert] = (await this.pool.query<{ territory_id: string | null; person_id: string }>(`SELECT territory_id, person_id FROM convocation_alert WHERE id = $1 AND resolved_at IS NULL`, [alertId])).rows;
    if (!alert) throw new ConvocationError(ConvocationErrorCode.AlertNotFound, 'No open alert with this id', { alertId });
    await this.gate(actor, alert.territory_id, action);
    await this.pool.query(`UPDATE convocation_alert SET resolved_at = $2, resolved_by = $3 WHERE id = $1`, [alertId, this.clock.now(), actorRef(actor)]);
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'alert', id: alertId }, subjectIds: [alert.person_id] });
    return { id: alertId, resolved: true };
  }

  /** The territory's figures: where people stand, whether the 15-day rule holds, what was sent. */
  async figures(actor: Actor, territoryId: string) {
    await this.gate(actor, territoryId, 'convocation.figures');
    const [tracks, deadlines, messages, alerts] = await Promise.all([
      this.pool.query(`SELECT state, count(*)::int AS n FROM convocation_track WHERE territory_id = $1 GROUP BY state ORDER BY state`, [territoryId]),
      // The 15-day rule, per path: its first convocation that held. A cancelled appointment convened
      // no one (a letter that never left, a right closed before it): the one after it counts.
      this.pool.query(
        `SELECT count(*) FILTER (WHERE first.day <= first.deadline)::int AS "withinDeadline",
                count(*) FILTER (WHERE first.day > first.deadline)::int AS late
           FROM (SELECT DISTINCT ON (a.path_id) (a.starts_at AT TIME ZONE 'Europe/Paris')::date AS day, p.convocation_deadline AS deadline
                   FROM convocation_appointment a JOIN beneficiary_path p ON p.id = a.path_id JOIN convocation_track t ON t.path_id = a.path_id
                  WHERE t.territory_id = $1 AND a.attempt = 0 AND a.kind = 'orientation' AND a.status <> 'cancelled'
                  ORDER BY a.path_id, a.created_at, a.id) first`,
        [territoryId],
      ),
      this.pool.query(
        `SELECT m.channel, m.status, count(*)::int AS n FROM notification_message m JOIN convocation_track t ON t.path_id = m.path_id
          WHERE t.territory_id = $1 GROUP BY m.channel, m.status ORDER BY m.channel, m.status`,
        [territoryId],
      ),
      this.pool.query(`SELECT kind, count(*)::int AS n FROM convocation_alert WHERE territory_id = $1 AND resolved_at IS NULL GROUP BY kind ORDER BY kind`, [territoryId]),
    ]);
    return {
      territoryId,
      tracks: Object.fromEntries(tracks.rows.map((r) => [r.state, r.n])),
      firstAppointments: deadlines.rows[0],
      messages: messages.rows,
      openAlerts: Object.fromEntries(alerts.rows.map((r) => [r.kind, r.n])),
    };
  }

  private gate(actor: Actor, territoryId: string | null, action: string): Promise<void> {
    return this.policy.requireTerritory(actor, Permission.ConvocationManage, territoryId, { action, target: { type: 'territory', id: territoryId } });
  }
}
