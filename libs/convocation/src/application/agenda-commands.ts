import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { addDays, Clock, isWorkingDay, parisDateOf, parisInstant, Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import { diffOf, inPgTransaction, sqlRunnerOf, type AuditTrail } from '@rsa/platform';
import type { AppointmentKind, Reception } from '../domain/appointment';
import { ConvocationError, ConvocationErrorCode } from '../domain/convocation-errors';
import { DEFAULT_POLICY, type ConvocationPolicy } from '../domain/policy';
import type { OpeningHours } from '../infrastructure/place.entity';
import { requireTerritory } from './convocation-sql';
import { POLICY_COLUMNS } from './policies';

/** The longest closure of a place, in days. */
const MAX_CLOSURE_DAYS = 366;

export interface PlaceInput {
  territoryId: string;
  structureId?: string | null;
  name: string;
  addressLines: string[];
  postcode: string;
  city: string;
  accessInformation?: string | null;
  contactPhone: string;
  contactHours: string;
  openingHours: OpeningHours[];
}

export interface AgendaInput {
  name: string;
  kind: AppointmentKind;
  reception: Reception;
  durationMinutes: number;
  capacity: number;
  expectedRoles?: string[];
}

export interface SlotGeneration {
  /** First and last day (YYYY-MM-DD, Paris), both included. */
  from: string;
  to: string;
  /** Start times (HH:MM) on each working day; slots outside the opening hours or on a closed day are left out. */
  times: string[];
  /** Overrides the agenda's capacity. */
  capacity?: number;
}

/** At most this many days of slots in one generation: a quarter. */
const MAX_GENERATION_DAYS = 92;

/**
 * What coordinators set up for their territory: places (addresses, phone to move an appointment,
 * opening hours), closures, agendas (a kind of appointment at a place, its duration, capacity and
 * expected professionals) and the slots they offer, generated on working days inside opening hours,
 * never on a closed day or a public holiday; and the territory's convocation policy.
 */
export class AgendaCommands {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async listPlaces(actor: Actor, territoryId: string) {
    await this.read(actor, territoryId, 'agenda.place.list');
    const { rows } = await this.pool.query(
      `SELECT id, territory_id AS "territoryId", structure_id AS "structureId", name, address_lines AS "addressLines", postcode, city,
              access_information AS "accessInformation", contact_phone AS "contactPhone", contact_hours AS "contactHours",
              opening_hours AS "openingHours", active
         FROM convocation_place WHERE territory_id = $1 ORDER BY name`,
      [territoryId],
    );
    return rows;
  }

  async createPlace(actor: Actor, input: PlaceInput) {
    const action = 'agenda.place.create';
    await this.gate(actor, Permission.AgendaManage, input.territoryId, action);
    checkOpeningHours(input.openingHours);
    const id = randomUUID();
    await inPgTransaction(this.pool, async (runner) => {
      await requireTerritory(runner, input.territoryId);
      if (input.structureId) {
        const [structure] = await runner.query(`SELECT 1 FROM access_structure WHERE id = $1 AND active`, [input.structureId]);
        if (!structure) throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, 'No such active structure', { structureId: input.structureId });
      }
      await runner.query(
        `INSERT INTO convocation_place (id, territory_id, structure_id, name, address_lines, postcode, city, access_information, contact_phone, contact_hours, opening_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, input.territoryId, input.structureId ?? null, input.name, input.addressLines, input.postcode, input.city, input.accessInformation ?? null, input.contactPhone, input.contactHours, JSON.stringify(input.openingHours)],
      );
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'place', id }, diff: diffOf(null, { ...input }) }, runner);
    });
    return { id, ...input };
  }

  async addClosure(actor: Actor, placeId: string, closure: { fromDay: string; toDay: string; reason: string }) {
    const action = 'agenda.closure.create';
    const place = await this.place(placeId);
    await this.gate(actor, Permission.AgendaManage, place.territory_id, action);
    if (closure.toDay < closure.fromDay) throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, 'The closure ends before it starts');
    // A closure is a holiday, works, a strike: a place closed for good is made inactive, not closed until 9999.
    if (closure.toDay > addDays(closure.fromDay, MAX_CLOSURE_DAYS - 1)) throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, `A closure lasts ${MAX_CLOSURE_DAYS} days at most`);
    const id = randomUUID();
    const affected = await inPgTransaction(this.pool, async (runner) => {
      await runner.query(`INSERT INTO convocation_closure (id, place_id, from_day, to_day, reason) VALUES ($1, $2, $3, $4, $5)`, [id, placeId, closure.fromDay, closure.toDay, closure.reason]);
      // The appointments already booked on those days: the coordinator moves them (the planner books nothing there any more).
      const rows = await runner.query<{ id: string; personId: string; startsAt: Date }>(
        `SELECT a.id, a.person_id AS "personId", a.starts_at AS "startsAt" FROM convocation_appointment a
          WHERE a.place_id = $1 AND a.status IN ('planned', 'confirmed', 'moved') AND (a.starts_at AT TIME ZONE 'Europe/Paris')::date BETWEEN $2 AND $3 ORDER BY a.starts_at`,
        [placeId, closure.fromDay, closure.toDay],
      );
      // The answer names them: so does the trail.
      await this.audit.record(
        { actor, action, outcome: 'allowed', target: { type: 'place', id: placeId }, subjectIds: [...new Set(rows.map((r) => r.personId))], detail: { ...closure, appointmentsToMove: rows.length } },
        runner,
      );
      return rows;
    });
    return { id, placeId, ...closure, appointmentsToMove: affected };
  }

  async createAgenda(actor: Actor, placeId: string, input: AgendaInput) {
    const action = 'agenda.create';
    const place = await this.place(placeId);
    await this.gate(actor, Permission.AgendaManage, place.territory_id, action);
    if (input.reception === 'individual' && input.capacity !== 1) throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, 'An individual appointment has a capacity of 1');
    const id = randomUUID();
    await inPgTransaction(this.pool, async (runner) => {
      await runner.query(
        `INSERT INTO convocation_agenda (id, place_id, name, kind, reception, duration_minutes, capacity, expected_roles) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, placeId, input.name, input.kind, input.reception, input.durationMinutes, input.capacity, input.expectedRoles ?? []],
      );
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'agenda', id }, diff: diffOf(null, { placeId, ...input }) }, runner);
    });
    return { id, placeId, ...input };
  }

  /** Slots on the working days of a period, at the given times, inside opening hours, not on closed days. */
  async generateSlots(actor: Actor, agendaId: string, generation: SlotGeneration) {
    const action = 'agenda.slots.generate';
    const [agenda] = (
      await this.pool.query<{ id: string; place_id: string; kind: string; reception: string; duration_minutes: number; capacity: number; expected_roles: string[]; territory_id: string; opening_hours: OpeningHours[] }>(
        `SELECT a.id, a.place_id, a.kind, a.reception, a.duration_minutes, a.capacity, a.expected_roles, p.territory_id, p.opening_hours
           FROM convocation_agenda a JOIN convocation_place p ON p.id = a.place_id WHERE a.id = $1`,
        [agendaId],
      )
    ).rows;
    if (!agenda) throw new ConvocationError(ConvocationErrorCode.AgendaNotFound, 'No such agenda', { agendaId });
    await this.gate(actor, Permission.AgendaManage, agenda.territory_id, action);
    if (generation.to < generation.from || addDays(generation.from, MAX_GENERATION_DAYS) < generation.to) {
      throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, `Generate at most ${MAX_GENERATION_DAYS} days at once, from a day to a later one`);
    }
    const today = parisDateOf(this.clock.now());
    if (generation.to < today) throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, `These days are over (today is ${today}): nobody could be booked on them`);
    if (agenda.reception === 'individual' && generation.capacity !== undefined && generation.capacity !== 1) {
      throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, 'An individual appointment has a capacity of 1');
    }
    // The same professionals hold every slot of an agenda: one slot ends before the next begins.
    const starts = [...new Set(generation.times)].map(minutesOf).sort((a, b) => a - b);
    if (starts.some((start, i) => i > 0 && start - starts[i - 1] < agenda.duration_minutes)) {
      throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, `These times overlap: each appointment lasts ${agenda.duration_minutes} minutes`);
    }
    const closures = (
      await this.pool.query<{ from_day: string; to_day: string }>(
        `SELECT to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day FROM convocation_closure WHERE place_id = $1 AND to_day >= $2 AND from_day <= $3`,
        [agenda.place_id, generation.from, generation.to],
      )
    ).rows;
    const capacity = generation.capacity ?? agenda.capacity;
    const slots: object[] = [];
    for (let day = generation.from; day <= generation.to; day = addDays(day, 1)) {
      if (!isWorkingDay(day) || closures.some((c) => c.from_day <= day && day <= c.to_day)) continue;
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
      // A time given twice is one slot (the insert below only skips slots already in the table).
      for (const time of new Set(generation.times)) {
        const end = minutesOf(time) + agenda.duration_minutes;
        const open = agenda.opening_hours.some((h) => h.weekday === weekday && minutesOf(h.from) <= minutesOf(time) && end <= minutesOf(h.to));
        if (!open) continue;
        slots.push({
          id: randomUUID(), agenda_id: agenda.id, place_id: agenda.place_id, territory_id: agenda.territory_id, kind: agenda.kind, reception: agenda.reception,
          starts_at: parisInstant(day, time).toISOString(), duration_minutes: agenda.duration_minutes, capacity, expected_roles: agenda.expected_roles,
        });
      }
    }
    const created = await inPgTransaction(this.pool, async (runner) => {
      // Generations of one agenda queue here; a slot of an earlier one at another time that the new ones would overlap is refused.
      await runner.query(`SELECT 1 FROM convocation_agenda WHERE id = $1 FOR UPDATE`, [agenda.id]);
      const existing = await runner.query<{ starts_at: Date; duration_minutes: number }>(
        `SELECT starts_at, duration_minutes FROM convocation_slot WHERE agenda_id = $1 AND status <> 'cancelled' AND starts_at >= $2 AND starts_at < $3`,
        [agenda.id, parisInstant(addDays(generation.from, -1), '00:00'), parisInstant(addDays(generation.to, 2), '00:00')],
      );
      const clash = slots
        .map((slot) => new Date((slot as { starts_at: string }).starts_at).getTime())
        .flatMap((start) => {
          const other = existing.find((e) => {
            const at = new Date(e.starts_at).getTime();
            return at !== start && at < start + agenda.duration_minutes * 60_000 && start < at + e.duration_minutes * 60_000;
          });
          return other ? [{ new: new Date(start).toISOString(), existing: new Date(other.starts_at).toISOString() }] : [];
        });
      if (clash.length > 0) {
        throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, `These times overlap slots the agenda already has (each lasts ${agenda.duration_minutes} minutes): cancel those first, or choose other times`, {
          overlaps: clash.length,
          first: clash[0],
        });
      }
      const rows = await runner.query(
        `INSERT INTO convocation_slot (id, agenda_id, place_id, territory_id, kind, reception, starts_at, duration_minutes, capacity, expected_roles)
         SELECT x.id, x.agenda_id, x.place_id, x.territory_id, x.kind, x.reception, x.starts_at, x.duration_minutes, x.capacity, x.expected_roles
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, agenda_id uuid, place_id uuid, territory_id varchar, kind varchar, reception varchar,
                starts_at timestamptz, duration_minutes int, capacity int, expected_roles text[])
          WHERE NOT EXISTS (SELECT 1 FROM convocation_slot s WHERE s.agenda_id = x.agenda_id AND s.starts_at = x.starts_at)
         RETURNING id`,
        [JSON.stringify(slots)],
      );
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'agenda', id: agendaId }, detail: { ...generation, created: rows.length } }, runner);
      return rows.length;
    });
    return { agendaId, created, alreadyThere: slots.length - created };
  }

  /** A slot with nobody booked can be cancelled; one with people must have them moved first. */
  async cancelSlot(actor: Actor, slotId: string) {
    const action = 'agenda.slot.cancel';
    const [slot] = (await this.pool.query<{ territory_id: string; booked: number }>(`SELECT territory_id, booked FROM convocation_slot WHERE id = $1`, [slotId])).rows;
    if (!slot) throw new ConvocationError(ConvocationErrorCode.SlotNotFound, 'No such slot', { slotId });
    await this.gate(actor, Permission.AgendaManage, slot.territory_id, action);
    const updated = await this.pool.query(`UPDATE convocation_slot SET status = 'cancelled' WHERE id = $1 AND booked = 0 RETURNING id`, [slotId]);
    if (updated.rowCount === 0) throw new ConvocationError(ConvocationErrorCode.SlotBooked, 'People are booked on this slot: move their appointments first');
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'slot', id: slotId } });
    return { id: slotId, status: 'cancelled' };
  }

  async listSlots(actor: Actor, territoryId: string, filter: { from: string; to: string; kind?: string; withRoom?: boolean }) {
    await this.read(actor, territoryId, 'agenda.slot.list');
    const { rows } = await this.pool.query(
      `SELECT s.id, s.agenda_id AS "agendaId", s.place_id AS "placeId", p.name AS "placeName", s.kind, s.reception, s.starts_at AS "startsAt",
              s.duration_minutes AS "durationMinutes", s.capacity, s.booked, s.expected_roles AS "expectedRoles", s.status
         FROM convocation_slot s JOIN convocation_place p ON p.id = s.place_id
        WHERE s.territory_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 AND ($4::text IS NULL OR s.kind = $4)
          AND (NOT $5 OR (s.status = 'open' AND s.booked < s.capacity
                          AND NOT EXISTS (SELECT 1 FROM convocation_closure c WHERE c.place_id = s.place_id
                                            AND (s.starts_at AT TIME ZONE 'Europe/Paris')::date BETWEEN c.from_day AND c.to_day)))
        ORDER BY s.starts_at, s.id LIMIT 1000`,
      [territoryId, parisInstant(filter.from, '00:00'), parisInstant(addDays(filter.to, 1), '00:00'), filter.kind ?? null, filter.withRoom === true],
    );
    return rows;
  }

  async getPolicy(actor: Actor, territoryId: string): Promise<ConvocationPolicy & { territoryId: string }> {
    await this.read(actor, territoryId, 'convocation.policy.read');
    const [row] = (await this.pool.query(`SELECT ${POLICY_COLUMNS} FROM convocation_policy WHERE territory_id = $1`, [territoryId])).rows;
    const { territory_id: _t, ...policy } = row ?? { ...DEFAULT_POLICY };
    return { territoryId, ...(policy as ConvocationPolicy) };
  }

  async setPolicy(actor: Actor, territoryId: string, policy: ConvocationPolicy) {
    const action = 'convocation.policy.update';
    await this.gate(actor, Permission.ConvocationManage, territoryId, action);
    await requireTerritory(sqlRunnerOf(this.pool), territoryId);
    if (policy.sendUntil <= policy.sendFrom) throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, 'The sending window ends before it starts');
    if (policy.invitationReminderDays >= policy.invitationExpiryDays) throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, 'The invitation reminder must come before its expiry');
    const before = await this.getPolicy(actor, territoryId);
    await inPgTransaction(this.pool, async (runner) => {
      await runner.query(
        `INSERT INTO convocation_policy (territory_id, invite_first, invitation_reminder_days, invitation_expiry_days, relance_within_days, max_relances,
                min_lead_working_days, reminder_working_days_before, send_from, send_until, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), $11)
         ON CONFLICT (territory_id) DO UPDATE SET invite_first = EXCLUDED.invite_first, invitation_reminder_days = EXCLUDED.invitation_reminder_days,
           invitation_expiry_days = EXCLUDED.invitation_expiry_days, relance_within_days = EXCLUDED.relance_within_days, max_relances = EXCLUDED.max_relances,
           min_lead_working_days = EXCLUDED.min_lead_working_days, reminder_working_days_before = EXCLUDED.reminder_working_days_before,
           send_from = EXCLUDED.send_from, send_until = EXCLUDED.send_until, updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [territoryId, policy.inviteFirst, policy.invitationReminderDays, policy.invitationExpiryDays, policy.relanceWithinDays, policy.maxRelances,
          policy.minLeadWorkingDays, policy.reminderWorkingDaysBefore, policy.sendFrom, policy.sendUntil, actor.kind === 'user' ? `professional:${actor.professionalId}` : `system:${actor.name}`],
      );
      const { territoryId: _t, ...previous } = before;
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'territory', id: territoryId }, diff: diffOf(previous, { ...policy }) }, runner);
    });
    return this.getPolicy(actor, territoryId);
  }

  private async place(placeId: string): Promise<{ territory_id: string }> {
    const [place] = (await this.pool.query<{ territory_id: string }>(`SELECT territory_id FROM convocation_place WHERE id = $1`, [placeId])).rows;
    if (!place) throw new ConvocationError(ConvocationErrorCode.PlaceNotFound, 'No such place', { placeId });
    return place;
  }

  /**
   * Places, slots and policies hold no personal data: whoever books or moves appointments (a
   * referent, the call centre, France Travail) sees those of any territory.
   */
  private async read(actor: Actor, territoryId: string, action: string): Promise<void> {
    await this.policy.require(actor, Permission.AppointmentRead, { action, target: { type: 'territory', id: territoryId } });
    // A territory that does not exist is a 404, not an empty list or the default policy.
    await requireTerritory(sqlRunnerOf(this.pool), territoryId);
  }

  /** Changes: the permission, and the territory: a coordinator works on theirs; the Département-wide and system actors on all. */
  private gate(actor: Actor, permission: Permission, territoryId: string, action: string): Promise<void> {
    return this.policy.requireTerritory(actor, permission, territoryId, { action, target: { type: 'territory', id: territoryId } });
  }
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

function checkOpeningHours(hours: OpeningHours[]): void {
  for (const h of hours) {
    if (h.weekday < 1 || h.weekday > 7 || minutesOf(h.to) <= minutesOf(h.from)) {
      throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, 'Opening hours are a weekday (1 Monday … 7 Sunday) and a time range that ends after it starts');
    }
  }
}
