import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { actorRef, type AccessPolicy, type StructureKind } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import { type Actor, Clock, isOneOf, parisDateOf, Permission } from '@rsa/kernel';
import { inPgTransaction, sqlRunnerOf, type AuditTrail, type SqlRunner } from '@rsa/platform';
import type { Dominante } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import {
  epReviewFor,
  REORIENTATION_DECISION_REASONS,
  REORIENTATION_REASONS,
  type Agreement,
  type EpOpinion,
} from '../domain/reorientation';
import { endLiveContract } from './contract-ending';
import { Notices, type NewNotice } from './notices';
import {
  agreementProblems,
  decidableVersion,
  deciderProblems,
  isOverride,
  proposalFor,
  recordDecision,
  type DecisionView,
} from './orientation-decisions';
import { professionalOf, territoryCoordinators, writableFacts } from './orientation-context';
import { OrientationPeriods, type OrientationPeriodView } from './orientation-periods';

export type RequestStatus = 'pending' | 'accepted' | 'refused' | 'closed-by-direct-reorientation' | 'closed-by-exit';

export interface ReorientationRequestView {
  id: string;
  personId: string;
  territoryId: string;
  periodId: string;
  fromDominante: Dominante;
  proposedDominante: Dominante;
  proposedStructureKind: string;
  reasonCode: string;
  diagnosticId: string;
  diagnosticVersion: number;
  epRequired: boolean;
  epReasons: string[];
  status: RequestStatus;
  requestedAt: Date;
  requestedBy: string;
  requesterId: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionReason: string | null;
  epOn: string | null;
  epOpinion: EpOpinion | null;
  decisionId: string | null;
  version: number;
}

const COLUMNS = `id, person_id AS "personId", territory_id AS "territoryId", period_id AS "periodId", from_dominante AS "fromDominante",
  proposed_dominante AS "proposedDominante", proposed_structure_kind AS "proposedStructureKind", reason_code AS "reasonCode",
  diagnostic_id AS "diagnosticId", diagnostic_version AS "diagnosticVersion", ep_required AS "epRequired", ep_reasons AS "epReasons", status,
  requested_at AS "requestedAt", requested_by AS "requestedBy", requester_id AS "requesterId", decided_at AS "decidedAt", decided_by AS "decidedBy",
  decision_reason AS "decisionReason", to_char(ep_on, 'YYYY-MM-DD') AS "epOn", ep_opinion AS "epOpinion", decision_id AS "decisionId", version`;

export interface ReorientationRequestInput {
  proposedDominante: Dominante;
  proposedStructureKind: StructureKind;
  reasonCode: string;
  /** The requester wants the EP to review it even where the rule does not require it. */
  epRequested?: boolean;
  /** The diagnostic version it rests on; the person's latest when not given. */
  diagnosticId?: string;
  diagnosticVersion?: number;
}

export interface ReorientationDecisionInput {
  decision: 'accepted' | 'refused';
  reasonCode: string;
  epOn?: string | null;
  epOpinion?: EpOpinion | null;
  agreement?: Agreement;
  agreementOn?: string | null;
  /** The first day of the new orientation (accepted only); today when not given. */
  startsOn?: string;
}

export interface DirectReorientationInput {
  dominante: Dominante;
  structureKind: StructureKind;
  reasonCode: string;
  diagnosticId?: string;
  diagnosticVersion?: number;
  deciders?: string[];
  agreement: Agreement;
  agreementOn?: string | null;
  epOn?: string | null;
  epOpinion?: EpOpinion | null;
  startsOn?: string;
}

/** Who hears of a réorientation: the current referent, the requester, the territory's coordinators (each once). */
function recipients(...groups: (string | null | undefined | readonly string[])[]): string[] {
  const ids = groups.flatMap((g) => (g === null || g === undefined ? [] : typeof g === 'string' ? [g] : [...g]));
  return [...new Set(ids)];
}

/** What a réorientation's dates answer: the orientation it would end. */
function sinceOrientation(current: { startsOn: string }): { day: string; what: string } {
  return { day: current.startsOn, what: 'the current orientation' };
}

function epProblems(required: boolean, epOn: string | null | undefined, epOpinion: EpOpinion | null | undefined, today: string, since: { day: string; what: string }): string[] {
  const problems: string[] = [];
  if (!required) {
    if (epOn || epOpinion) problems.push('epOn, epOpinion: only for a réorientation the EP reviews');
    return problems;
  }
  if (!epOn) problems.push('epOn: the day the équipe pluridisciplinaire reviewed it (required for this réorientation)');
  else if (epOn > today) problems.push(`epOn: after today (${today})`);
  else if (epOn < since.day) problems.push(`epOn: before ${since.what} (${since.day})`);
  if (!epOpinion) problems.push('epOpinion: favourable or unfavourable (required for this réorientation)');
  return problems;
}

/**
 * Réorientation (DOMAIN.md §4, L2831: a diagnostic, then the EP "si nécessaire"): a professional
 * asks (one pending request per person), a coordinator decides, after the équipe
 * pluridisciplinaire when epReviewFor says so; accepted, the current period ends and the new one
 * starts the same day (OrientationPeriods.open), with a réorientation decision keeping the
 * proposal of the diagnostic it rests on, and the ended period's live contract ends that day
 * (`reorientation`, endLiveContract, as an exit ends it). A coordinator may also réorient
 * directly, which closes the person's pending requests. Each step notifies the current referent,
 * the requester and the territory's coordinators, in the same transaction.
 */
export class Reorientations {
  constructor(
    private readonly pool: Pool,
    private readonly access: PersonAccess,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async request(actor: Actor, personId: string, input: ReorientationRequestInput): Promise<ReorientationRequestView> {
    const action = 'reorientation.request';
    await this.access.require(actor, Permission.OrientationDecide, personId, action);
    const now = this.clock.now();
    const today = parisDateOf(now);
    const id = randomUUID();
    await inPgTransaction(this.pool, async (runner) => {
      const current = await this.currentOrRefuse(runner, personId);
      const problems: string[] = [];
      if (!isOneOf(REORIENTATION_REASONS, input.reasonCode)) problems.push(`reasonCode: one of ${REORIENTATION_REASONS.join(', ')}`);
      if (current.dominante === input.proposedDominante && current.structureKind === input.proposedStructureKind) problems.push('proposedDominante: this is the current orientation');
      if (problems.length > 0) throw new OrientationError(OrientationErrorCode.ReorientationInvalid, 'This réorientation request cannot be recorded', { problems });
      const [pending] = await runner.query<{ id: string }>(`SELECT id FROM orientation_reorientation_request WHERE person_id = $1 AND status = 'pending'`, [personId]);
      if (pending) throw new OrientationError(OrientationErrorCode.ReorientationPending, 'A réorientation request is already pending for this person', { requestId: pending.id });
      const version = await decidableVersion(runner, personId, input.diagnosticId && input.diagnosticVersion ? { diagnosticId: input.diagnosticId, diagnosticVersion: input.diagnosticVersion } : null);
      const ep = epReviewFor({ from: current.dominante, to: input.proposedDominante, periodStartsOn: current.startsOn, on: today, requested: input.epRequested === true });
      await runner.query(
        `INSERT INTO orientation_reorientation_request (id, person_id, territory_id, period_id, from_dominante, proposed_dominante, proposed_structure_kind, reason_code,
           diagnostic_id, diagnostic_version, ep_required, ep_reasons, status, requested_at, requested_by, requester_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending', $13, $14, $15)`,
        [
          id, personId, current.territoryId, current.id, current.dominante, input.proposedDominante, input.proposedStructureKind, input.reasonCode,
          version.diagnosticId, version.version, ep.required, JSON.stringify(ep.reasons), now, actorRef(actor), professionalOf(actor),
        ],
      );
      const coordinators = await territoryCoordinators(runner, current.territoryId, today);
      await this.notify(runner, recipients(current.referentId, professionalOf(actor), coordinators), 'reorientation-requested', personId, id, {
        from: current.dominante,
        to: input.proposedDominante,
        reasonCode: input.reasonCode,
        epRequired: ep.required,
      });
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'reorientation-request', id },
          subjectIds: [personId],
          reasonCode: input.reasonCode,
          detail: { from: current.dominante, to: input.proposedDominante, epRequired: ep.required, diagnosticId: version.diagnosticId, diagnosticVersion: version.version },
        },
        runner,
      );
    });
    return this.byId(sqlRunnerOf(this.pool), id);
  }

  /** The coordinator's decision; an EP case needs the EP's day and opinion, and is not accepted against an unfavourable one. */
  async decide(actor: Actor, requestId: string, input: ReorientationDecisionInput): Promise<{ request: ReorientationRequestView; decision: DecisionView | null; closed: OrientationPeriodView | null }> {
    const action = 'reorientation.decide';
    const before = await this.byId(sqlRunnerOf(this.pool), requestId);
    await this.access.require(actor, Permission.ReorientationDecide, before.personId, action);
    const now = this.clock.now();
    const today = parisDateOf(now);
    const result = await inPgTransaction(this.pool, async (runner) => {
      // The person's orientation lock first, then the request's row: the order of an exit or a direct
      // réorientation (which close pending requests under that lock); the other way, they deadlock.
      const current = await this.currentOrRefuse(runner, before.personId);
      const [locked] = await runner.query<{ status: string }>(`SELECT status FROM orientation_reorientation_request WHERE id = $1 FOR UPDATE`, [requestId]);
      if (locked.status !== 'pending') throw new OrientationError(OrientationErrorCode.ReorientationState, `This request is ${locked.status}: nothing to decide`, { status: locked.status });
      const problems = [...epProblems(before.epRequired, input.epOn, input.epOpinion, today, sinceOrientation(current))];
      if (!isOneOf(REORIENTATION_DECISION_REASONS, input.reasonCode)) problems.push(`reasonCode: one of ${REORIENTATION_DECISION_REASONS.join(', ')}`);
      if (input.decision === 'accepted' && input.epOpinion === 'unfavourable') problems.push('decision: the EP’s opinion is unfavourable: the request is refused, or reviewed again');
      if (input.decision === 'refused' && input.startsOn) problems.push('startsOn: only for an accepted request');
      let decision: DecisionView | null = null;
      let closed: OrientationPeriodView | null = null;
      let endedContractId: string | null = null;
      if (input.decision === 'accepted') {
        if (current.id !== before.periodId) throw new OrientationError(OrientationErrorCode.ReorientationState, 'The orientation has changed since this request: ask again', { periodId: current.id });
        const agreement = input.agreement ?? 'not-expressed';
        problems.push(...agreementProblems(agreement, input.agreementOn ?? null, today, sinceOrientation(current)));
        const startsOn = input.startsOn ?? today;
        if (startsOn > today) problems.push(`startsOn: after today (${today})`);
        // The EP's need was judged on the request's day: the new orientation does not begin before it.
        const requestedOn = parisDateOf(before.requestedAt);
        if (startsOn < requestedOn) problems.push(`startsOn: before the request (${requestedOn})`);
        if (problems.length > 0) throw new OrientationError(OrientationErrorCode.ReorientationInvalid, 'This decision cannot be recorded', { problems });
        const written = await this.reorient(runner, actor, now, {
          personId: before.personId,
          dominante: before.proposedDominante,
          structureKind: before.proposedStructureKind as StructureKind,
          reasonCode: before.reasonCode,
          diagnostic: { diagnosticId: before.diagnosticId, diagnosticVersion: before.diagnosticVersion },
          deciders: this.decidersOf(actor, before.requesterId),
          agreement,
          agreementOn: input.agreementOn ?? null,
          ep: before.epRequired ? { on: input.epOn as string, opinion: input.epOpinion as string } : null,
          startsOn,
          requestId,
        });
        decision = written.decision;
        closed = written.closed;
        endedContractId = written.endedContract?.id ?? null;
      } else if (problems.length > 0) {
        throw new OrientationError(OrientationErrorCode.ReorientationInvalid, 'This decision cannot be recorded', { problems });
      }
      await runner.query(
        `UPDATE orientation_reorientation_request SET status = $2, decided_at = $3, decided_by = $4, decision_reason = $5, ep_on = $6, ep_opinion = $7,
           decision_id = $8, version = version + 1 WHERE id = $1`,
        [requestId, input.decision, now, actorRef(actor), input.reasonCode, input.epOn ?? null, input.epOpinion ?? null, decision?.id ?? null],
      );
      const coordinators = await territoryCoordinators(runner, before.territoryId, today);
      await this.notify(runner, recipients(current.referentId, before.requesterId, coordinators), 'reorientation-decided', before.personId, requestId, {
        status: input.decision,
        from: before.fromDominante,
        to: before.proposedDominante,
        reasonCode: input.reasonCode,
        epOpinion: input.epOpinion ?? null,
      });
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'reorientation-request', id: requestId },
          subjectIds: [before.personId],
          reasonCode: input.reasonCode,
          detail: { status: input.decision, epRequired: before.epRequired, epOpinion: input.epOpinion ?? null, decisionId: decision?.id ?? null, endedContractId },
        },
        runner,
      );
      return { decision, closed };
    });
    return { request: await this.byId(sqlRunnerOf(this.pool), requestId), ...result };
  }

  /** A réorientation at once, by a coordinator: the pending requests of the person are closed by it. */
  async direct(actor: Actor, personId: string, input: DirectReorientationInput): Promise<{ decision: DecisionView; closed: OrientationPeriodView | null; closedRequests: string[] }> {
    const action = 'reorientation.direct';
    await this.access.require(actor, Permission.ReorientationDecide, personId, action);
    const now = this.clock.now();
    const today = parisDateOf(now);
    return inPgTransaction(this.pool, async (runner) => {
      const current = await this.currentOrRefuse(runner, personId);
      const problems: string[] = [];
      if (!isOneOf(REORIENTATION_REASONS, input.reasonCode)) problems.push(`reasonCode: one of ${REORIENTATION_REASONS.join(', ')}`);
      if (current.dominante === input.dominante && current.structureKind === input.structureKind) problems.push('dominante: this is the current orientation');
      const startsOn = input.startsOn ?? today;
      if (startsOn > today) problems.push(`startsOn: after today (${today})`);
      // Judged on the day the change takes effect: a réorientation dated back before the first period's end needs the EP as one made then.
      const ep = epReviewFor({ from: current.dominante, to: input.dominante, periodStartsOn: current.startsOn, on: startsOn < today ? startsOn : today });
      problems.push(...epProblems(ep.required, input.epOn, input.epOpinion, today, sinceOrientation(current)));
      if (input.epOpinion === 'unfavourable') problems.push('epOpinion: the EP’s opinion is unfavourable: no réorientation');
      problems.push(...agreementProblems(input.agreement, input.agreementOn ?? null, today, sinceOrientation(current)));
      if (problems.length > 0) throw new OrientationError(OrientationErrorCode.ReorientationInvalid, 'This réorientation cannot be recorded', { problems, epReasons: ep.reasons });
      const { decision, closed, endedContract } = await this.reorient(runner, actor, now, {
        personId,
        dominante: input.dominante,
        structureKind: input.structureKind,
        reasonCode: input.reasonCode,
        diagnostic: input.diagnosticId && input.diagnosticVersion ? { diagnosticId: input.diagnosticId, diagnosticVersion: input.diagnosticVersion } : null,
        deciders: input.deciders ?? this.decidersOf(actor, null),
        agreement: input.agreement,
        agreementOn: input.agreementOn ?? null,
        ep: ep.required ? { on: input.epOn as string, opinion: input.epOpinion as string } : null,
        startsOn,
        requestId: null,
      });
      const pending = await runner.query<{ id: string; requester_id: string | null }>(
        `UPDATE orientation_reorientation_request SET status = 'closed-by-direct-reorientation', decided_at = $2, decided_by = $3, decision_id = $4, version = version + 1
          WHERE person_id = $1 AND status = 'pending' RETURNING id, requester_id`,
        [personId, now, actorRef(actor), decision.id],
      );
      const coordinators = await territoryCoordinators(runner, current.territoryId, today);
      const detail = { status: 'direct', from: current.dominante, to: input.dominante, reasonCode: input.reasonCode, decisionId: decision.id };
      await this.notify(runner, recipients(current.referentId, coordinators), 'reorientation-decided', personId, decision.id, detail, 'orientation-decision');
      for (const p of pending) {
        await this.notify(runner, recipients(current.referentId, p.requester_id, coordinators), 'reorientation-decided', personId, p.id, { ...detail, status: 'closed-by-direct-reorientation' });
      }
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'orientation-decision', id: decision.id },
          subjectIds: [personId],
          reasonCode: input.reasonCode,
          detail: { from: current.dominante, to: input.dominante, epRequired: ep.required, closedRequests: pending.map((p) => p.id), endedContractId: endedContract?.id ?? null },
        },
        runner,
      );
      return { decision, closed, closedRequests: pending.map((p) => p.id) };
    });
  }

  async listForPerson(actor: Actor, personId: string): Promise<ReorientationRequestView[]> {
    const action = 'reorientation.list';
    await this.access.require(actor, Permission.OrientationRead, personId, action);
    const rows = await sqlRunnerOf(this.pool).query<ReorientationRequestView>(`SELECT ${COLUMNS} FROM orientation_reorientation_request WHERE person_id = $1 ORDER BY requested_at DESC, id`, [personId]);
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'person', id: personId }, subjectIds: [personId], detail: { returned: rows.length } });
    return rows;
  }

  /** The territory's pending requests, oldest first, for its coordinators (with the person's name to find the file). */
  async pendingForTerritory(actor: Actor, territoryId: string) {
    const action = 'reorientation.pending.list';
    await this.policy.requireTerritory(actor, Permission.ReorientationDecide, territoryId, { action, target: { type: 'territory', id: territoryId } });
    const rows = await sqlRunnerOf(this.pool).query<ReorientationRequestView & { nom: string; prenom: string }>(
      `SELECT x.*, pe.nom, pe.prenom
         FROM (SELECT ${COLUMNS} FROM orientation_reorientation_request WHERE territory_id = $1 AND status = 'pending') x
         JOIN beneficiary_person pe ON pe.id = x."personId" ORDER BY x."requestedAt", x.id LIMIT 500`,
      [territoryId],
    );
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'territory', id: territoryId }, subjectIds: rows.map((r) => r.personId), detail: { returned: rows.length } });
    return rows;
  }

  private async reorient(
    runner: SqlRunner,
    actor: Actor,
    now: Date,
    r: {
      personId: string;
      dominante: Dominante;
      structureKind: StructureKind;
      reasonCode: string;
      diagnostic: { diagnosticId: string; diagnosticVersion: number } | null;
      deciders: string[];
      agreement: Agreement;
      agreementOn: string | null;
      ep: { on: string; opinion: string } | null;
      startsOn: string;
      requestId: string | null;
    },
  ) {
    const facts = await writableFacts(runner, r.personId);
    const version = await decidableVersion(runner, r.personId, r.diagnostic);
    const proposal = await proposalFor(runner, facts, version);
    const problems = await deciderProblems(runner, actor, r.deciders, parisDateOf(now));
    // As a first decision: the orientation the diagnostic leads to does not begin before it.
    if (r.startsOn < version.diagnosedOn) problems.push(`startsOn: before the diagnostic (${version.diagnosedOn})`);
    if (problems.length > 0) throw new OrientationError(OrientationErrorCode.ReorientationInvalid, 'This réorientation cannot be recorded', { problems });
    const override = isOverride(proposal, r.dominante, r.structureKind);
    const written = await recordDecision(runner, actor, now, {
      kind: 'reorientation',
      facts,
      version,
      proposal,
      dominante: r.dominante,
      structureKind: r.structureKind,
      override,
      // A réorientation away from the proposal is justified by its own reason.
      overrideReason: override ? r.reasonCode : null,
      deciders: r.deciders,
      agreement: r.agreement,
      agreementOn: r.agreementOn,
      reorientationRequestId: r.requestId,
      reasonCode: r.reasonCode,
      ep: r.ep,
      startsOn: r.startsOn,
    });
    // The closed orientation's contract ends with it, on the day the new orientation starts.
    const endedContract = written.closed
      ? await endLiveContract(runner, actor, now, { periodId: written.closed.id, endedOn: r.startsOn, endReason: 'reorientation', detail: { decisionId: written.decision.id } })
      : null;
    return { ...written, endedContract };
  }

  /** The coordinator decides; a system actor records the requester's. */
  private decidersOf(actor: Actor, requesterId: string | null): string[] {
    const me = professionalOf(actor);
    if (me) return [me];
    if (requesterId) return [requesterId];
    throw new OrientationError(OrientationErrorCode.ReorientationInvalid, 'A réorientation is decided by professionals: give the deciders', {});
  }

  private async currentOrRefuse(runner: SqlRunner, personId: string): Promise<OrientationPeriodView> {
    const current = await OrientationPeriods.lockCurrent(runner, personId);
    if (!current) throw new OrientationError(OrientationErrorCode.NoCurrentOrientation, 'This person has no current orientation: decide the first one', { personId });
    return current;
  }

  private async byId(runner: SqlRunner, id: string): Promise<ReorientationRequestView> {
    const [row] = await runner.query<ReorientationRequestView>(`SELECT ${COLUMNS} FROM orientation_reorientation_request WHERE id = $1`, [id]);
    if (!row) throw new OrientationError(OrientationErrorCode.ReorientationNotFound, 'No réorientation request with this id', { requestId: id });
    return row;
  }

  private notify(runner: SqlRunner, to: string[], kind: NewNotice['kind'], personId: string, subjectId: string, detail: Record<string, unknown>, subjectType = 'reorientation-request'): Promise<number> {
    return Notices.notify(
      runner,
      to.map((recipientId) => ({ recipientId, kind, personId, subject: { type: subjectType, id: subjectId }, detail, dedupeKey: `${kind}:${subjectId}` })),
    );
  }
}
