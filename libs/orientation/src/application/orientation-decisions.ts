import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { actorRef, type StructureKind } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import { type Actor, Clock, isOneOf, parisDateOf, Permission } from '@rsa/kernel';
import { inPgTransaction, sqlRunnerOf, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { factsOf } from '../domain/diagnostic';
import type { Dominante } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { propose, type Proposal } from '../domain/rule-set';
import { OVERRIDE_REASONS, type Agreement } from '../domain/reorientation';
import type { Score } from '../domain/scoring';
import { diagnosticVersion, latestDiagnosticVersion, type DiagnosticVersionView } from './diagnostics';
import { dominanteCodesFor, type DominanteCodesView } from './dominante-codes';
import { activeProfessionals, DECIDER_ROLES, personFacts, professionalOf, writableFacts, type PersonFacts } from './orientation-context';
import { OrientationPeriods, type OrientationPeriodView } from './orientation-periods';
import { currentRuleSet } from './rule-sets';

/** A proposal as the API shows it and as a decision keeps it. */
export interface ProposalView extends Proposal {
  personId: string;
  territoryId: string;
  diagnostic: { id: string; version: number; diagnosedOn: string };
  ruleSet: { id: string | null; version: number; label: string; status: string };
  score: Score;
  profile: Score['profile'];
}

export interface DecisionView {
  id: string;
  personId: string;
  pathId: string | null;
  territoryId: string;
  kind: 'orientation' | 'reorientation';
  dominante: Dominante;
  structureKind: string;
  diagnosticId: string;
  diagnosticVersion: number;
  diagnosticOn: string;
  proposal: ProposalView;
  proposedDominante: Dominante;
  override: boolean;
  overrideReason: string | null;
  deciders: string[];
  agreement: Agreement;
  agreementOn: string | null;
  reorientationRequestId: string | null;
  reasonCode: string | null;
  epOn: string | null;
  epOpinion: string | null;
  startsOn: string;
  periodId: string;
  decidedAt: Date;
  decidedBy: string;
}

export const DECISION_COLUMNS = `id, person_id AS "personId", path_id AS "pathId", territory_id AS "territoryId", kind, dominante, structure_kind AS "structureKind",
  diagnostic_id AS "diagnosticId", diagnostic_version AS "diagnosticVersion", to_char(diagnostic_on, 'YYYY-MM-DD') AS "diagnosticOn", proposal,
  proposed_dominante AS "proposedDominante", override, override_reason AS "overrideReason", deciders::text[] AS deciders, agreement,
  to_char(agreement_on, 'YYYY-MM-DD') AS "agreementOn", reorientation_request_id AS "reorientationRequestId", reason_code AS "reasonCode",
  to_char(ep_on, 'YYYY-MM-DD') AS "epOn", ep_opinion AS "epOpinion", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", period_id AS "periodId",
  decided_at AS "decidedAt", decided_by AS "decidedBy"`;

/** The rule set of the person's territory applied to one diagnostic version. */
export async function proposalFor(runner: SqlRunner, facts: PersonFacts, version: DiagnosticVersionView): Promise<ProposalView> {
  if (!facts.territoryId) {
    throw new OrientationError(OrientationErrorCode.DecisionInvalid, 'The commune of this person’s dossier belongs to no territory: no rule set applies', { personId: facts.personId });
  }
  const set = await currentRuleSet(runner, facts.territoryId);
  const proposal = propose({ rules: set.rules }, version.content, factsOf(version.content, version.age));
  return {
    personId: facts.personId,
    territoryId: facts.territoryId,
    diagnostic: { id: version.diagnosticId, version: version.version, diagnosedOn: version.diagnosedOn },
    ruleSet: { id: set.id, version: set.version, label: set.label, status: set.status },
    ...proposal,
    score: version.score,
    profile: version.score.profile,
  };
}

/** The version a decision is made on: a version of this person's latest diagnostic, and its latest (else 409: decide on what was last written). */
export async function decidableVersion(runner: SqlRunner, personId: string, chosen: { diagnosticId: string; diagnosticVersion: number } | null): Promise<DiagnosticVersionView> {
  const latest = await latestDiagnosticVersion(runner, personId);
  if (!latest) throw new OrientationError(OrientationErrorCode.DiagnosticRequired, 'This person has no diagnostic yet: the orientation follows a diagnostic', { personId });
  if (!chosen) return latest;
  const version = await diagnosticVersion(runner, chosen.diagnosticId, chosen.diagnosticVersion);
  if (!version || version.personId !== personId) {
    throw new OrientationError(OrientationErrorCode.DiagnosticNotFound, 'No such version of a diagnostic of this person', { diagnosticId: chosen.diagnosticId, version: chosen.diagnosticVersion });
  }
  if (version.diagnosticId !== latest.diagnosticId || version.version !== latest.version) {
    throw new OrientationError(OrientationErrorCode.VersionConflict, 'A newer diagnostic version exists: decide on the latest one', {
      diagnosticId: latest.diagnosticId,
      latestVersion: latest.version,
    });
  }
  return version;
}

export interface DecisionRecord {
  kind: 'orientation' | 'reorientation';
  facts: PersonFacts;
  version: DiagnosticVersionView;
  proposal: ProposalView;
  dominante: Dominante;
  structureKind: StructureKind;
  override: boolean;
  overrideReason: string | null;
  deciders: string[];
  agreement: Agreement;
  agreementOn: string | null;
  reorientationRequestId: string | null;
  reasonCode: string | null;
  ep: { on: string; opinion: string } | null;
  startsOn: string;
}

/** Deciders: one or two distinct professionals with an active habilitation of a deciding role, the deciding professional among them. */
export async function deciderProblems(runner: SqlRunner, actor: Actor, deciders: readonly string[], day: string): Promise<string[]> {
  const problems: string[] = [];
  if (deciders.length < 1 || deciders.length > 2) problems.push('deciders: one or two professionals');
  if (new Set(deciders).size !== deciders.length) problems.push('deciders: a professional given twice');
  const writer = professionalOf(actor);
  if (writer && !deciders.includes(writer)) problems.push('deciders: the professional who records the decision is one of the deciders');
  const known = await activeProfessionals(runner, deciders, day, DECIDER_ROLES);
  for (const id of deciders) if (!known.has(id)) problems.push(`deciders: ${id} is not a professional with an active habilitation of ${DECIDER_ROLES.join(', ')}`);
  return problems;
}

/**
 * Agreement: agreed or disagreed on a day, not after today nor before what it answers (the
 * diagnostic of a first orientation, the orientation a réorientation would end); not-expressed
 * without one.
 */
export function agreementProblems(agreement: Agreement, agreementOn: string | null, today: string, since: { day: string; what: string }): string[] {
  if (agreement === 'not-expressed') return agreementOn ? ['agreementOn: only when the person said whether they agree'] : [];
  if (!agreementOn) return ['agreementOn: the day the person agreed or disagreed'];
  if (agreementOn > today) return [`agreementOn: after today (${today})`];
  return agreementOn < since.day ? [`agreementOn: before ${since.what} (${since.day})`] : [];
}

/** Writes the decision and opens its period (closing the open one, for a réorientation), in the caller's transaction. */
export async function recordDecision(runner: SqlRunner, actor: Actor, now: Date, d: DecisionRecord): Promise<{ decision: DecisionView; opened: OrientationPeriodView; closed: OrientationPeriodView | null }> {
  const id = randomUUID();
  const { opened, closed } = await OrientationPeriods.open(
    runner,
    actor,
    {
      personId: d.facts.personId,
      pathId: d.facts.pathId,
      territoryId: d.proposal.territoryId,
      dominante: d.dominante,
      structureKind: d.structureKind,
      structureId: null,
      referentId: null,
      decisionId: id,
      startsOn: d.startsOn,
    },
    'reorientation',
  );
  const [decision] = await runner.query<DecisionView>(
    `INSERT INTO orientation_decision (id, person_id, path_id, territory_id, kind, dominante, structure_kind, diagnostic_id, diagnostic_version, diagnostic_on,
       proposal, proposed_dominante, override, override_reason, deciders, agreement, agreement_on, reorientation_request_id, reason_code, ep_on, ep_opinion,
       starts_on, period_id, decided_at, decided_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::uuid[], $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
     RETURNING ${DECISION_COLUMNS}`,
    [
      id, d.facts.personId, d.facts.pathId, d.proposal.territoryId, d.kind, d.dominante, d.structureKind, d.version.diagnosticId, d.version.version, d.version.diagnosedOn,
      JSON.stringify(d.proposal), d.proposal.dominante, d.override, d.overrideReason, d.deciders, d.agreement, d.agreementOn, d.reorientationRequestId, d.reasonCode,
      d.ep?.on ?? null, d.ep?.opinion ?? null, d.startsOn, opened.id, now, actorRef(actor),
    ],
  );
  return { decision, opened, closed };
}

/** The choice differs from the proposal: another dominante, or a kind of structure the rule did not give. */
export const isOverride = (proposal: Proposal, dominante: Dominante, structureKind: StructureKind) =>
  dominante !== proposal.dominante || !proposal.structureKinds.includes(structureKind);

export interface DecisionInput {
  dominante: Dominante;
  structureKind: StructureKind;
  diagnosticId: string;
  diagnosticVersion: number;
  deciders: string[];
  agreement: Agreement;
  agreementOn?: string | null;
  overrideReason?: string | null;
  /** The first day of the orientation (Paris); today when not given. */
  startsOn?: string;
}

/**
 * The proposal and the first orientation decision (DOMAIN.md §4): the engine proposes (the
 * territory's rule set on the person's latest diagnostic version, with the criteria that led to
 * it); the professionals decide, and may choose otherwise with a reason; the person's agreement is
 * recorded (L2501). The decision keeps the proposal as it was and opens the orientation period in
 * the same transaction. A person already oriented is réoriented instead (Reorientations).
 */
export class OrientationDecisions {
  constructor(
    private readonly pool: Pool,
    private readonly access: PersonAccess,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async proposal(actor: Actor, personId: string): Promise<ProposalView> {
    const action = 'orientation.proposal.read';
    await this.access.require(actor, Permission.OrientationRead, personId, action);
    const runner = sqlRunnerOf(this.pool);
    const facts = await personFacts(runner, personId);
    const view = await proposalFor(runner, facts, await decidableVersion(runner, personId, null));
    await this.audit.record({
      actor,
      action,
      outcome: 'allowed',
      target: { type: 'person', id: personId },
      subjectIds: [personId],
      detail: { diagnosticId: view.diagnostic.id, version: view.diagnostic.version, ruleSetId: view.ruleSet.id, ruleSetVersion: view.ruleSet.version, ruleId: view.ruleId, dominante: view.dominante },
    });
    return view;
  }

  async decide(actor: Actor, personId: string, input: DecisionInput): Promise<DecisionView> {
    const action = 'orientation.decide';
    await this.access.require(actor, Permission.OrientationDecide, personId, action);
    const now = this.clock.now();
    const today = parisDateOf(now);
    return inPgTransaction(this.pool, async (runner) => {
      const current = await OrientationPeriods.lockCurrent(runner, personId);
      if (current) {
        throw new OrientationError(OrientationErrorCode.AlreadyOriented, 'This person is already oriented: ask for a réorientation', { periodId: current.id, dominante: current.dominante, startsOn: current.startsOn });
      }
      const facts = await writableFacts(runner, personId);
      const version = await decidableVersion(runner, personId, { diagnosticId: input.diagnosticId, diagnosticVersion: input.diagnosticVersion });
      const proposal = await proposalFor(runner, facts, version);
      const override = isOverride(proposal, input.dominante, input.structureKind);
      const startsOn = input.startsOn ?? today;
      const problems = [...(await deciderProblems(runner, actor, input.deciders, today)), ...agreementProblems(input.agreement, input.agreementOn ?? null, today, { day: version.diagnosedOn, what: 'the diagnostic' })];
      if (override && !isOneOf(OVERRIDE_REASONS, input.overrideReason ?? '')) {
        problems.push(`overrideReason: the choice differs from the proposal (${proposal.dominante}, ${proposal.structureKinds.join(' or ')}): one of ${OVERRIDE_REASONS.join(', ')}`);
      }
      if (startsOn > today) problems.push(`startsOn: after today (${today})`);
      if (startsOn < version.diagnosedOn) problems.push(`startsOn: before the diagnostic (${version.diagnosedOn})`);
      if (problems.length > 0) throw new OrientationError(OrientationErrorCode.DecisionInvalid, 'This decision cannot be recorded', { problems, proposal: { dominante: proposal.dominante, structureKinds: proposal.structureKinds } });
      const { decision, opened } = await recordDecision(runner, actor, now, {
        kind: 'orientation',
        facts,
        version,
        proposal,
        dominante: input.dominante,
        structureKind: input.structureKind,
        override,
        overrideReason: override ? (input.overrideReason as string) : null,
        deciders: input.deciders,
        agreement: input.agreement,
        agreementOn: input.agreementOn ?? null,
        reorientationRequestId: null,
        reasonCode: null,
        ep: null,
        startsOn,
      });
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'orientation-decision', id: decision.id },
          subjectIds: [personId],
          reasonCode: decision.overrideReason,
          detail: { dominante: decision.dominante, structureKind: decision.structureKind, proposed: proposal.dominante, ruleId: proposal.ruleId, override, periodId: opened.id, agreement: input.agreement },
        },
        runner,
      );
      return decision;
    });
  }

  /** The current period and every period with the decision that opened it, and the département's codes for their dominantes. */
  async orientations(actor: Actor, personId: string): Promise<{ personId: string; current: unknown; periods: unknown[]; codes: DominanteCodesView }> {
    const action = 'orientation.history.read';
    await this.access.require(actor, Permission.OrientationRead, personId, action);
    const runner = sqlRunnerOf(this.pool);
    const facts = await personFacts(runner, personId);
    const [history, decisions, codes] = await Promise.all([
      OrientationPeriods.history(runner, personId),
      runner.query<DecisionView>(`SELECT ${DECISION_COLUMNS} FROM orientation_decision WHERE person_id = $1`, [personId]),
      dominanteCodesFor(runner, facts.departement),
    ]);
    const periods = history.map((p) => ({ ...p, decision: decisions.find((d) => d.id === p.decisionId) ?? null, codes: codes.codes[p.dominante] }));
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'person', id: personId }, subjectIds: [personId], detail: { periods: periods.length } });
    return { personId, current: periods.find((p) => p.endsOn === null) ?? null, periods, codes };
  }
}
