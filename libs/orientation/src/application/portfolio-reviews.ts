import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { type Actor, type Clock, isOneOf, parisDateOf, Permission, Role } from '@rsa/kernel';
import { actorRef } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import { ADVISORY_LOCKS, inPgTransaction, lockFor, sqlRunnerOf, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { Notices } from './notices';
import { DEFAULT_REVIEW_EVERY_MONTHS, REFERENT_ROLES, REVIEW_DECISIONS, type ReviewDecision } from './portfolio-codes';
import type { PortfolioAccess } from './portfolio-access';
import { addMonths } from '../domain/contract';
import { homeTerritory, territorySettings, type ReferentRecord } from './portfolio-directory';
import { activeProfessionals, territoryCoordinators } from './orientation-context';

export interface ReviewInput {
  /** The day of the review (today or before). */
  reviewedOn: string;
  /** The professionals who took part: the referent at least; the coordinator recording it is added. */
  participantIds: readonly string[];
  items: readonly { personId: string; decision: ReviewDecision }[];
}

/** Who may take part in a review: those who accompany people, and coordinators. */
const REVIEW_ROLES: readonly Role[] = [...REFERENT_ROLES, Role.Coordinator];

/**
 * A review's columns; `territories` names the parameter (a varchar[], or NULL for all) holding the
 * territories whose people the reader sees: an item is shown when the person's orientation on the
 * review's day was there (the period reviewed, not an earlier or later one).
 */
const reviewView = (territories = 'NULL') => `r.id, r.referent_id AS "referentId", to_char(r.reviewed_on, 'YYYY-MM-DD') AS "reviewedOn", r.participant_ids::text[] AS "participantIds",
  to_char(r.next_due_on, 'YYYY-MM-DD') AS "nextDueOn", r.created_at AS "createdAt", r.created_by AS "createdBy",
  COALESCE((SELECT json_agg(json_build_object('personId', i.person_id, 'decision', i.decision) ORDER BY i.person_id) FROM portfolio_review_item i
             WHERE i.review_id = r.id
               AND (${territories}::varchar[] IS NULL OR EXISTS (SELECT 1 FROM orientation_period op WHERE op.person_id = i.person_id AND op.territory_id = ANY(${territories}::varchar[])
                      AND op.starts_on <= r.reviewed_on AND (op.ends_on IS NULL OR op.ends_on >= r.reviewed_on)))), '[]') AS items`;

interface ReviewRow {
  id: string;
  referentId: string;
  reviewedOn: string;
  participantIds: string[];
  nextDueOn: string;
  items: { personId: string; decision: ReviewDecision }[];
}

export interface ReviewInterval {
  months: number;
  source: string;
  /** The referent's home territory: its coordinators hear of the reviews. */
  territoryId: string | null;
}

/** The interval between two reviews of a referent's portfolio: their home territory's, else quarterly. */
export async function reviewIntervalOf(runner: SqlRunner, referent: ReferentRecord): Promise<ReviewInterval> {
  const home = homeTerritory(referent);
  const settings = home ? (await territorySettings(runner, [home])).get(home) : undefined;
  if (settings?.source === 'territory') return { months: settings.reviewEveryMonths, source: 'territory', territoryId: home };
  return { months: DEFAULT_REVIEW_EVERY_MONTHS, source: 'default: quarterly', territoryId: home };
}

/**
 * When the referent's next review is due: the day the last review set (`next_due_on`); never
 * reviewed, one interval after the portfolio's first assignment; null when nothing is due (no review
 * and no assignment yet). What the reviews list shows and what the daily reminder reads.
 */
export async function nextReviewDueOn(runner: SqlRunner, referentId: string, intervalMonths: number): Promise<string | null> {
  const [last] = await runner.query<{ day: string }>(
    `SELECT to_char(next_due_on, 'YYYY-MM-DD') AS day FROM portfolio_review WHERE referent_id = $1 ORDER BY reviewed_on DESC, created_at DESC LIMIT 1`,
    [referentId],
  );
  if (last) return last.day;
  const [first] = await runner.query<{ day: string | null }>(`SELECT to_char(min(from_day), 'YYYY-MM-DD') AS day FROM portfolio_assignment WHERE referent_id = $1`, [referentId]);
  return first?.day ? addMonths(first.day, intervalMonths) : null;
}

/**
 * Portfolio reviews (revues de portefeuille, DOMAIN.md §6, L1509): a coordinator and the referent
 * go through the referent's people and record a decision code for each. The next review is due
 * after the territory's interval (`review_every_months`; quarterly by default, the product's
 * choice: the source asks for regular reviews without a frequency), and a `portfolio-review-due`
 * notice with that due day goes to the referent and the territory's coordinators; on the day, the
 * daily reminders (PortfolioReminders) remind them again.
 */
export class PortfolioReviews {
  constructor(
    private readonly pool: Pool,
    private readonly persons: PersonAccess,
    private readonly access: PortfolioAccess,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, givenReferentId: string, given: ReviewInput) {
    const action = 'portfolio.review';
    // Ids as PostgreSQL writes them (lower case): compared below with stored ones.
    const referentId = givenReferentId.toLowerCase();
    const input: ReviewInput = {
      ...given,
      participantIds: given.participantIds.map((id) => id.toLowerCase()),
      items: given.items.map((i) => ({ ...i, personId: i.personId.toLowerCase() })),
    };
    const referent = await this.access.referent(actor, referentId, 'manage', action);
    const now = this.clock.now();
    const today = parisDateOf(now);
    const invalid = (message: string, details?: Record<string, unknown>) => new OrientationError(OrientationErrorCode.InvalidReview, message, details);
    if (input.reviewedOn > today) throw invalid('A review is recorded once it has taken place', { reviewedOn: input.reviewedOn, today });
    const participants = [...new Set([...input.participantIds, ...(actor.kind === 'user' ? [actor.professionalId] : [])])];
    if (!participants.includes(referentId)) throw invalid('The referent takes part in the review of their portfolio', { referentId });
    const runner = sqlRunnerOf(this.pool);
    // Those who take part in a review accompany people or coordinate them: an habilitation of such a role today.
    const known = await activeProfessionals(runner, participants, today, REVIEW_ROLES);
    const unknown = participants.filter((p) => !known.has(p));
    if (unknown.length > 0) throw invalid('Participants are referents or coordinators with an active habilitation', { participantIds: unknown });
    if (input.items.length === 0) throw invalid('A review decides something for at least one person');
    const personIds = input.items.map((i) => i.personId);
    if (new Set(personIds).size !== personIds.length) throw invalid('One decision per person');
    const bad = input.items.filter((i) => !isOneOf(REVIEW_DECISIONS, i.decision));
    if (bad.length > 0) throw invalid(`A decision is one of ${REVIEW_DECISIONS.join(', ')}`, { personIds: bad.map((b) => b.personId) });
    // The referent's people: their open periods, and those they cover as a stand-in.
    const held = await runner.query<{ person_id: string; since: string }>(
      `SELECT person_id, to_char(starts_on, 'YYYY-MM-DD') AS since FROM orientation_period WHERE ends_on IS NULL AND referent_id = $1 AND person_id = ANY($2::uuid[])
       UNION SELECT i.person_id, to_char(t.starts_on, 'YYYY-MM-DD') FROM portfolio_transfer t JOIN portfolio_transfer_item i ON i.transfer_id = t.id
        WHERE t.kind = 'temporary' AND t.to_referent_id = $1 AND t.starts_on <= $3::date AND t.ends_on > $3::date AND i.person_id = ANY($2::uuid[])`,
      [referentId, personIds, today],
    );
    const outside = personIds.filter((id) => !held.some((h) => h.person_id === id));
    if (outside.length > 0) throw new OrientationError(OrientationErrorCode.NotInPortfolio, "These people are not in the referent's portfolio", { personIds: outside });
    // A review looks at people already followed: none of them oriented (or covered for) after its day.
    const later = personIds.filter((id) => held.every((h) => h.person_id !== id || h.since > input.reviewedOn));
    if (later.length > 0) throw invalid('A review is dated on or after the day each person it decides for was oriented (or covered for)', { reviewedOn: input.reviewedOn, personIds: later });
    for (const personId of personIds) await this.persons.require(actor, Permission.PortfolioManage, personId, action);

    const interval = await reviewIntervalOf(sqlRunnerOf(this.pool), referent);
    const nextDueOn = addMonths(input.reviewedOn, interval.months);
    const id = randomUUID();
    const row = await inPgTransaction(this.pool, async (tx) => {
      // The same review sent twice (a double click, a retry after a lost answer) is the first one:
      // one review per referent at a time, and an identical one of the same day (decisions and
      // participants) is answered as it was; one that differs is a review of its own.
      await lockFor(tx, ADVISORY_LOCKS.portfolioReferents, referentId);
      const sameDay = await tx.query<ReviewRow>(`SELECT ${reviewView()} FROM portfolio_review r WHERE r.referent_id = $1 AND r.reviewed_on = $2`, [referentId, input.reviewedOn]);
      const sent = JSON.stringify(
        input.items.map((i) => ({ personId: i.personId, decision: i.decision })).sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0)),
      );
      const who = JSON.stringify([...participants].sort());
      const twice = sameDay.find(
        (r) => JSON.stringify(r.items.map((i) => ({ personId: i.personId, decision: i.decision }))) === sent && JSON.stringify([...r.participantIds].sort()) === who,
      );
      if (twice) return twice;
      await tx.query(
        `INSERT INTO portfolio_review (id, referent_id, reviewed_on, participant_ids, next_due_on, created_at, created_by) VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7)`,
        [id, referentId, input.reviewedOn, participants, nextDueOn, now, actorRef(actor)],
      );
      await tx.query(
        `INSERT INTO portfolio_review_item (review_id, person_id, decision) SELECT $1, x.person_id, x.decision FROM jsonb_to_recordset($2::jsonb) AS x(person_id uuid, decision varchar)`,
        [id, JSON.stringify(input.items.map((i) => ({ person_id: i.personId, decision: i.decision })))],
      );
      const coordinators = interval.territoryId ? await territoryCoordinators(tx, interval.territoryId, today) : [];
      await Notices.notify(
        tx,
        [...new Set([referentId, ...coordinators])].map((recipientId) => ({
          recipientId, kind: 'portfolio-review-due' as const, subject: { type: 'portfolio-review', id }, detail: { referentId, previousReviewOn: input.reviewedOn, intervalMonths: interval.months },
          dueOn: nextDueOn, dedupeKey: `portfolio-review:${referentId}:${nextDueOn}`,
        })),
      );
      const decisions = Object.fromEntries(REVIEW_DECISIONS.map((d) => [d, input.items.filter((i) => i.decision === d).length]));
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'portfolio-review', id }, subjectIds: personIds, detail: { referentId, reviewedOn: input.reviewedOn, decisions, nextDueOn } }, tx);
      const [view] = await tx.query<ReviewRow>(`SELECT ${reviewView()} FROM portfolio_review r WHERE r.id = $1`, [id]);
      return view;
    });
    return { ...row, nextDueSource: interval.source };
  }

  /** The referent's reviews, most recent first, and when the next one is due. */
  async list(actor: Actor, referentId: string) {
    const action = 'portfolio.reviews.read';
    const referent = await this.access.referent(actor, referentId, 'people', action);
    const today = parisDateOf(this.clock.now());
    // A referent working in several territories: a coordinator sees the items of their own territories' people, and the reviews that hold some.
    const territories = this.access.territoriesOf(actor, referentId);
    const all = await this.pool.query<ReviewRow>(`SELECT ${reviewView('$2')} FROM portfolio_review r WHERE r.referent_id = $1 ORDER BY r.reviewed_on DESC, r.created_at DESC`, [
      referentId,
      territories,
    ]);
    const rows = territories === null ? all.rows : all.rows.filter((r) => r.items.length > 0);
    const interval = await reviewIntervalOf(sqlRunnerOf(this.pool), referent);
    const nextDueOn = await nextReviewDueOn(sqlRunnerOf(this.pool), referentId, interval.months);
    const subjectIds = [...new Set(rows.flatMap((r) => r.items.map((i) => i.personId)))];
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'referent', id: referentId }, subjectIds, detail: { reviews: rows.length } });
    return { referentId, intervalMonths: interval.months, intervalSource: interval.source, nextDueOn, overdue: nextDueOn !== null && nextDueOn < today, reviews: rows };
  }
}
