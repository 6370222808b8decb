import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { addDays, Clock, isWorkingDay, parisDateOf, Permission, type Actor } from '@rsa/kernel';
import { actorRef, type AccessPolicy } from '@rsa/access';
import { inPgTransaction, type AuditTrail } from '@rsa/platform';
import { ConvocationError, ConvocationErrorCode } from '../domain/convocation-errors';
import { CONVOCATION_DEADLINE_DAYS } from '../domain/policy';
import { requireTerritory } from './convocation-sql';

/**
 * Segments of a territory's stock (DOMAIN.md §8) the product can tell today:
 * - not-oriented: people of the stock with an open path who were never convened;
 * - lost-from-view: people with an open path whose convocations all came to nothing (listed for
 *   the EP after their relances, or no slot found), nothing honoured and no appointment expected.
 * (Oriented without a contract, and in support to intensify, need the orientation and contracts.)
 */
export const CAMPAIGN_SEGMENTS = ['not-oriented', 'lost-from-view'] as const;
export type CampaignSegment = (typeof CAMPAIGN_SEGMENTS)[number];

/** Who comes first: the longest in the RSA (the oldest DTDEMRSA), or the oldest entry into the path. */
export const CAMPAIGN_PRIORITIES = ['longest-in-rsa', 'oldest-entry'] as const;
export type CampaignPriority = (typeof CAMPAIGN_PRIORITIES)[number];

export interface CampaignInput {
  territoryId: string;
  name: string;
  segment: CampaignSegment;
  priority: CampaignPriority;
  /** People convened per month (DOMAIN.md §8: Roubaix 103, Tourcoing 155, Dunkerque 123, Denain 395, Maubeuge 404). */
  monthlyPace: number;
  fromMonth: string;
  toMonth: string;
}

const SEGMENT_SQL: Record<CampaignSegment, string> = {
  'not-oriented': `p.origin = 'stock' AND NOT EXISTS (SELECT 1 FROM convocation_track t WHERE t.path_id = p.id)`,
  // Nobody still expected at an appointment (a relance under way is not "lost"), nobody who came once.
  'lost-from-view': `EXISTS (SELECT 1 FROM convocation_track t WHERE t.path_id = p.id AND t.state IN ('ep-review', 'no-slot'))
    AND NOT EXISTS (SELECT 1 FROM convocation_appointment a WHERE a.path_id = p.id AND a.status IN ('honoured', 'planned', 'confirmed', 'moved'))`,
};

const PRIORITY_SQL: Record<CampaignPriority, string> = {
  'longest-in-rsa': 'd.dtdemrsa, p.notification_date, p.id',
  'oldest-entry': 'p.notification_date, d.dtdemrsa, p.id',
};

/**
 * Stock reprise campaigns: a segment of a territory's stock, ranked once at creation by its
 * priority rule, then released to the planner day by day so that each month's pace is kept
 * (in proportion to the working days gone by), from its first month to its last. Released people
 * get a track with a 15-day deadline, like an entrant; the planner convenes them.
 */
export class Campaigns {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CampaignInput) {
    const action = 'convocation.campaign.create';
    await this.policy.requireTerritory(actor, Permission.ConvocationManage, input.territoryId, { action, target: { type: 'territory', id: input.territoryId } });
    if (input.toMonth < input.fromMonth) throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, 'The campaign ends before it starts');
    // Released month by month from now on: one whose last month is over would rank its members and release none.
    const thisMonth = parisDateOf(this.clock.now()).slice(0, 7);
    if (input.toMonth < thisMonth) throw new ConvocationError(ConvocationErrorCode.InvalidSchedule, `The campaign ends before this month (${thisMonth}): it would convene nobody`);
    const id = randomUUID();
    const members = await inPgTransaction(this.pool, async (runner) => {
      await requireTerritory(runner, input.territoryId);
      await runner.query(
        `INSERT INTO convocation_campaign (id, territory_id, name, segment, priority, monthly_pace, from_month, to_month, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, input.territoryId, input.name, input.segment, input.priority, input.monthlyPace, input.fromMonth, input.toMonth, actorRef(actor)],
      );
      const inserted = await runner.query<{ path_id: string; person_id: string }>(
        `INSERT INTO convocation_campaign_member (campaign_id, path_id, person_id, rank)
         SELECT $1, p.id, p.person_id, row_number() OVER (ORDER BY ${PRIORITY_SQL[input.priority]})
           FROM beneficiary_path p
           JOIN beneficiary_dossier d ON d.id = p.dossier_id
           JOIN access_territory_commune tc ON tc.insee = d.commune_insee AND tc.territory_id = $2
          WHERE p.status = 'open' AND ${SEGMENT_SQL[input.segment]}
            AND NOT EXISTS (SELECT 1 FROM convocation_campaign_member cm JOIN convocation_campaign c ON c.id = cm.campaign_id
                             WHERE cm.path_id = p.id AND cm.released_at IS NULL AND c.status = 'active')
         RETURNING path_id, person_id`,
        [id, input.territoryId],
      );
      // Ranking reads each member's path: the trail names them.
      await this.audit.record(
        { actor, action, outcome: 'allowed', target: { type: 'campaign', id }, subjectIds: [...new Set(inserted.map((m) => m.person_id))], detail: { ...input, members: inserted.length } },
        runner,
      );
      return inserted.length;
    });
    return { id, ...input, members };
  }

  async list(actor: Actor, territoryId: string) {
    await this.policy.requireTerritory(actor, Permission.ConvocationManage, territoryId, { action: 'convocation.campaign.list', target: { type: 'territory', id: territoryId } });
    const { rows } = await this.pool.query<{ id: string }>(`SELECT id FROM convocation_campaign WHERE territory_id = $1 ORDER BY created_at`, [territoryId]);
    return Promise.all(rows.map((r) => this.progressOf(r.id)));
  }

  async progress(actor: Actor, campaignId: string) {
    const campaign = await this.progressOf(campaignId);
    await this.policy.requireTerritory(actor, Permission.ConvocationManage, campaign.territoryId, { action: 'convocation.campaign.read', target: { type: 'campaign', id: campaignId } });
    return campaign;
  }

  /** Daily (and after a campaign is created): release who the pace allows by today. */
  async release(actor: Actor): Promise<{ campaigns: number; released: number }> {
    const action = 'convocation.campaign.release';
    await this.policy.require(actor, Permission.ConvocationRun, { action });
    const now = this.clock.now();
    const today = parisDateOf(now);
    const month = today.slice(0, 7);
    const { rows: campaigns } = await this.pool.query<{ id: string; monthly_pace: number }>(
      `SELECT id, monthly_pace FROM convocation_campaign WHERE status = 'active' AND from_month <= $1 AND to_month >= $1`,
      [month],
    );
    let released = 0;
    for (const campaign of campaigns) {
      released += await inPgTransaction(this.pool, async (runner) => {
        await runner.query(`SELECT 1 FROM convocation_campaign WHERE id = $1 FOR UPDATE`, [campaign.id]);
        const [{ n: thisMonth }] = await runner.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM convocation_campaign_member WHERE campaign_id = $1 AND released_at IS NOT NULL AND to_char(released_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') = $2`,
          [campaign.id, month],
        );
        const due = Math.ceil((campaign.monthly_pace * workingDaysUpTo(today)) / workingDaysOf(month));
        const count = Math.max(0, Math.min(campaign.monthly_pace, due) - thisMonth);
        if (count === 0) return 0;
        // Never someone with an appointment still expected (convened since the campaign was made): their track stays as it is.
        const members = await runner.query<{ path_id: string; person_id: string }>(
          `SELECT cm.path_id, cm.person_id FROM convocation_campaign_member cm JOIN beneficiary_path p ON p.id = cm.path_id AND p.status = 'open'
            WHERE cm.campaign_id = $1 AND cm.released_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM convocation_appointment a WHERE a.path_id = cm.path_id AND a.status IN ('planned', 'confirmed', 'moved'))
            ORDER BY cm.rank LIMIT $2 FOR UPDATE OF cm`,
          [campaign.id, count],
        );
        if (members.length === 0) {
          await runner.query(`UPDATE convocation_campaign SET status = 'done' WHERE id = $1`, [campaign.id]);
          return 0;
        }
        const paths = members.map((m) => m.path_id);
        const deadline = addDays(today, CONVOCATION_DEADLINE_DAYS);
        // A new track, or the existing one of someone lost from view, convened again with a fresh deadline.
        await runner.query(
          `INSERT INTO convocation_track (path_id, person_id, territory_id, state, deadline, origin, next_action_at, campaign_id, updated_at)
           SELECT p.id, p.person_id, c.territory_id, 'to-plan', $3, p.origin, $4, $2, $4
             FROM beneficiary_path p JOIN convocation_campaign c ON c.id = $2 WHERE p.id = ANY($1::uuid[])
           ON CONFLICT (path_id) DO UPDATE SET state = 'to-plan', deadline = EXCLUDED.deadline, appointment_id = NULL, attempts = 0,
             last_outcome = NULL, next_action_at = EXCLUDED.next_action_at, campaign_id = EXCLUDED.campaign_id, updated_at = EXCLUDED.updated_at`,
          [paths, campaign.id, deadline, now],
        );
        await runner.query(`UPDATE convocation_campaign_member SET released_at = $3 WHERE campaign_id = $1 AND path_id = ANY($2::uuid[])`, [campaign.id, paths, now]);
        // Each campaign's release in its own transaction, naming whose track it wrote.
        await this.audit.record(
          { actor, action, outcome: 'allowed', target: { type: 'campaign', id: campaign.id }, subjectIds: [...new Set(members.map((m) => m.person_id))], detail: { released: members.length } },
          runner,
        );
        return members.length;
      });
    }
    return { campaigns: campaigns.length, released };
  }

  private async progressOf(campaignId: string) {
    const [row] = (
      await this.pool.query(
        `SELECT c.id, c.territory_id AS "territoryId", c.name, c.segment, c.priority, c.monthly_pace AS "monthlyPace", c.from_month AS "fromMonth",
                c.to_month AS "toMonth", c.status,
                count(cm.path_id)::int AS members,
                count(cm.released_at)::int AS released,
                count(*) FILTER (WHERE t.state IN ('convened', 'honoured', 'ep-review') AND cm.released_at IS NOT NULL)::int AS convened,
                count(*) FILTER (WHERE t.state = 'honoured' AND cm.released_at IS NOT NULL)::int AS honoured,
                count(*) FILTER (WHERE cm.released_at IS NOT NULL
                  AND to_char(cm.released_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') = to_char($2::timestamptz AT TIME ZONE 'Europe/Paris', 'YYYY-MM'))::int AS "releasedThisMonth"
           FROM convocation_campaign c
           LEFT JOIN convocation_campaign_member cm ON cm.campaign_id = c.id
           LEFT JOIN convocation_track t ON t.path_id = cm.path_id
          WHERE c.id = $1 GROUP BY c.id`,
        [campaignId, this.clock.now()],
      )
    ).rows;
    if (!row) throw new ConvocationError(ConvocationErrorCode.CampaignNotFound, 'No such campaign', { campaignId });
    return { ...row, remaining: row.members - row.released };
  }
}

function workingDaysOf(month: string): number {
  let n = 0;
  for (let day = `${month}-01`; day.startsWith(month); day = addDays(day, 1)) if (isWorkingDay(day)) n++;
  return n;
}

/** Working days of the month of `today`, up to and including it. */
function workingDaysUpTo(today: string): number {
  let n = 0;
  for (let day = `${today.slice(0, 7)}-01`; day <= today; day = addDays(day, 1)) if (isWorkingDay(day)) n++;
  return Math.max(n, 1);
}
