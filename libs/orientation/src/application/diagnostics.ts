import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { actorRef } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import { Clock, parisDateOf, Permission, type Actor } from '@rsa/kernel';
import { inPgTransaction, sqlRunnerOf, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { ageOn, factsOf, type DiagnosticContent } from '../domain/diagnostic';
import { compareContents } from '../domain/diagnostic-compare';
import { diagnosticContentProblems } from '../domain/diagnostic-shape';
import { modalityFor, type DiagnosticModality, type ModalityAdvice, monthsBetween } from '../domain/modality';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { scoreOf, type Score } from '../domain/scoring';
import { activeProfessionals, AUTHOR_ROLES, personFacts, professionalOf, writableFacts, type PersonFacts } from './orientation-context';

export const DIAGNOSTIC_MODALITIES: readonly DiagnosticModality[] = ['co-diagnostic', 'referent'];

/** The advice on who makes the diagnostic, and the facts of the path it was derived from. */
export interface AdviceView extends ModalityAdvice {
  derivedFrom: {
    /** beneficiary_path.origin of the open path (no open path: stock). */
    origin: 'flux' | 'stock';
    /** Whole months since the current dossier's RSA request (beneficiary_dossier.dtdemrsa). */
    monthsInRsa: number;
    /** An open orientation period with a referent, or an active referent grant on the file. */
    inIntensiveSupport: boolean;
    pathId: string | null;
  };
}

export interface DiagnosticVersionView {
  diagnosticId: string;
  personId: string;
  pathId: string | null;
  modality: DiagnosticModality;
  version: number;
  latestVersion: number;
  diagnosedOn: string;
  authors: string[];
  age: number;
  content: DiagnosticContent;
  score: Score;
  createdAt: Date;
  createdBy: string;
}

export interface DiagnosticInput {
  authors: string[];
  /** The day of the interview (Paris); today when not given. */
  diagnosedOn?: string;
  content: unknown;
}

const VERSION_COLUMNS = `d.id AS "diagnosticId", d.person_id AS "personId", d.path_id AS "pathId", d.modality, v.version, d.latest_version AS "latestVersion",
  to_char(v.diagnosed_on, 'YYYY-MM-DD') AS "diagnosedOn", v.authors::text[] AS authors, v.age, v.content,
  json_build_object('version', v.scoring_version, 'value', v.score, 'profile', v.profile, 'addends', v.score_addends) AS score,
  v.created_at AS "createdAt", v.created_by AS "createdBy"`;

/** The latest version of a person's latest diagnostic (the one proposals and decisions read), or null. */
export async function latestDiagnosticVersion(runner: SqlRunner, personId: string): Promise<DiagnosticVersionView | null> {
  const [row] = await runner.query<DiagnosticVersionView>(
    `SELECT ${VERSION_COLUMNS} FROM orientation_diagnostic d JOIN orientation_diagnostic_version v ON v.diagnostic_id = d.id AND v.version = d.latest_version
      WHERE d.person_id = $1 ORDER BY d.created_at DESC, d.id DESC LIMIT 1`,
    [personId],
  );
  return row ?? null;
}

export async function diagnosticVersion(runner: SqlRunner, diagnosticId: string, version: number): Promise<DiagnosticVersionView | null> {
  const [row] = await runner.query<DiagnosticVersionView>(
    `SELECT ${VERSION_COLUMNS} FROM orientation_diagnostic d JOIN orientation_diagnostic_version v ON v.diagnostic_id = d.id AND v.version = $2 WHERE d.id = $1`,
    [diagnosticId, version],
  );
  return row ?? null;
}

export function adviceFor(facts: PersonFacts, today: string): AdviceView {
  // A person without an open path is counted as stock: they are in the RSA before any new path.
  const derivedFrom = {
    origin: facts.origin ?? 'stock',
    monthsInRsa: facts.rsaSince ? monthsBetween(facts.rsaSince, today) : 0,
    inIntensiveSupport: facts.inIntensiveSupport,
    pathId: facts.pathId,
  } as const;
  return { ...modalityFor(derivedFrom), derivedFrom };
}

/**
 * The 360° diagnostic, versioned and append-only (DOMAIN.md §3): a diagnostic is opened with its
 * first version, every update is a new version (`expectedVersion` guards against two professionals
 * writing at once), each with its content checked, its score and profile (scoreOf, stored with
 * SCORING_VERSION) and its day. The authors are the professionals who made it: the binôme of a
 * co-diagnostic (a France Travail counsellor and a Département or partner professional), or the
 * referent alone; whoever writes is one of them. Every read and write of one is checked against
 * the person's scope and audited.
 */
export class Diagnostics {
  constructor(
    private readonly pool: Pool,
    private readonly access: PersonAccess,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  private get runner(): SqlRunner {
    return sqlRunnerOf(this.pool);
  }

  /** A person's diagnostics (each with its latest version), and the modality advised for a new one. */
  async list(actor: Actor, personId: string) {
    const action = 'diagnostic.list';
    await this.access.require(actor, Permission.DiagnosticRead, personId, action);
    const today = parisDateOf(this.clock.now());
    const facts = await personFacts(this.runner, personId);
    const diagnostics = await this.runner.query<DiagnosticVersionView>(
      `SELECT ${VERSION_COLUMNS} FROM orientation_diagnostic d JOIN orientation_diagnostic_version v ON v.diagnostic_id = d.id AND v.version = d.latest_version
        WHERE d.person_id = $1 ORDER BY d.created_at DESC, d.id DESC`,
      [personId],
    );
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'person', id: personId }, subjectIds: [personId], detail: { returned: diagnostics.length } });
    return { personId, advice: adviceFor(facts, today), diagnostics };
  }

  /** Opens a diagnostic with its first version; the modality is the advised one unless chosen. */
  async create(actor: Actor, personId: string, input: DiagnosticInput & { modality?: DiagnosticModality }): Promise<DiagnosticVersionView> {
    const action = 'diagnostic.create';
    await this.access.require(actor, Permission.DiagnosticWrite, personId, action);
    const today = parisDateOf(this.clock.now());
    const id = randomUUID();
    await inPgTransaction(this.pool, async (runner) => {
      const facts = await writableFacts(runner, personId);
      const advice = adviceFor(facts, today);
      const modality = input.modality ?? advice.modality;
      const version = await this.checked(runner, actor, modality, input, facts, today, null);
      await runner.query(
        `INSERT INTO orientation_diagnostic (id, person_id, path_id, modality, advice, latest_version, created_by) VALUES ($1, $2, $3, $4, $5, 1, $6)`,
        [id, personId, facts.pathId, modality, JSON.stringify(advice), actorRef(actor)],
      );
      await this.insertVersion(runner, actor, id, personId, 1, version);
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'diagnostic', id },
          subjectIds: [personId],
          detail: { version: 1, modality, advisedModality: advice.modality, score: version.score.value, profile: version.score.profile, authors: version.authors.length },
        },
        runner,
      );
    });
    return (await diagnosticVersion(this.runner, id, 1)) as DiagnosticVersionView;
  }

  /** A new version; `expectedVersion` is the version the writer started from (stale: 409, nothing written). */
  async addVersion(actor: Actor, diagnosticId: string, input: DiagnosticInput & { expectedVersion: number }): Promise<DiagnosticVersionView> {
    const action = 'diagnostic.version.create';
    const head = await this.head(diagnosticId);
    await this.access.require(actor, Permission.DiagnosticWrite, head.personId, action);
    const today = parisDateOf(this.clock.now());
    const written = await inPgTransaction(this.pool, async (runner) => {
      // Lock the diagnostic alone, then read its latest version: a writer who waited here sees the other's version.
      const [locked] = await runner.query<{ latest_version: number; modality: DiagnosticModality }>(`SELECT latest_version, modality FROM orientation_diagnostic WHERE id = $1 FOR UPDATE`, [diagnosticId]);
      const [previous] = await runner.query<{ diagnosed_on: string }>(
        `SELECT to_char(diagnosed_on, 'YYYY-MM-DD') AS diagnosed_on FROM orientation_diagnostic_version WHERE diagnostic_id = $1 AND version = $2`,
        [diagnosticId, locked.latest_version],
      );
      if (locked.latest_version !== input.expectedVersion) {
        throw new OrientationError(OrientationErrorCode.VersionConflict, 'This diagnostic has changed since you read it: read it again, then write your version', {
          expectedVersion: input.expectedVersion,
          latestVersion: locked.latest_version,
        });
      }
      const facts = await writableFacts(runner, head.personId);
      const version = await this.checked(runner, actor, locked.modality, input, facts, today, previous.diagnosed_on);
      const next = locked.latest_version + 1;
      await this.insertVersion(runner, actor, diagnosticId, head.personId, next, version);
      await runner.query(`UPDATE orientation_diagnostic SET latest_version = $2, updated_at = now() WHERE id = $1`, [diagnosticId, next]);
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'diagnostic', id: diagnosticId },
          subjectIds: [head.personId],
          detail: { version: next, score: version.score.value, profile: version.score.profile, authors: version.authors.length },
        },
        runner,
      );
      return next;
    });
    return (await diagnosticVersion(this.runner, diagnosticId, written)) as DiagnosticVersionView;
  }

  async latest(actor: Actor, diagnosticId: string): Promise<DiagnosticVersionView> {
    const head = await this.head(diagnosticId);
    return this.read(actor, head.personId, diagnosticId, head.latestVersion, 'diagnostic.read');
  }

  async version(actor: Actor, diagnosticId: string, version: number): Promise<DiagnosticVersionView> {
    const head = await this.head(diagnosticId);
    return this.read(actor, head.personId, diagnosticId, version, 'diagnostic.version.read');
  }

  /** What changed between two versions: theme by theme, criterion by criterion, and the score. */
  async compare(actor: Actor, diagnosticId: string, from: number, to: number) {
    const action = 'diagnostic.compare';
    const head = await this.head(diagnosticId);
    await this.access.require(actor, Permission.DiagnosticRead, head.personId, action);
    const [a, b] = await Promise.all([diagnosticVersion(this.runner, diagnosticId, from), diagnosticVersion(this.runner, diagnosticId, to)]);
    if (!a || !b) throw new OrientationError(OrientationErrorCode.DiagnosticNotFound, 'No such version of this diagnostic', { diagnosticId, from, to, latestVersion: head.latestVersion });
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'diagnostic', id: diagnosticId }, subjectIds: [head.personId], detail: { from, to } });
    const content = compareContents(a.content, b.content);
    // The age is a criterion the score counts (over 58, under 26): a birthday between two versions changes it with the content unchanged.
    const age = a.age === b.age ? [] : [{ field: 'age', before: a.age, after: b.age }];
    return {
      diagnosticId,
      personId: head.personId,
      from: { version: a.version, diagnosedOn: a.diagnosedOn, authors: a.authors },
      to: { version: b.version, diagnosedOn: b.diagnosedOn, authors: b.authors },
      ...content,
      changes: [...age, ...content.changes],
      score: {
        from: a.score.value,
        to: b.score.value,
        difference: b.score.value - a.score.value,
        profile: { from: a.score.profile, to: b.score.profile },
        // A score is comparable with another of the same scoring version only.
        comparable: a.score.version === b.score.version,
      },
    };
  }

  private async read(actor: Actor, personId: string, diagnosticId: string, version: number, action: string): Promise<DiagnosticVersionView> {
    await this.access.require(actor, Permission.DiagnosticRead, personId, action);
    const view = await diagnosticVersion(this.runner, diagnosticId, version);
    if (!view) throw new OrientationError(OrientationErrorCode.DiagnosticNotFound, 'No such version of this diagnostic', { diagnosticId, version });
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'diagnostic', id: diagnosticId }, subjectIds: [personId], detail: { version } });
    return view;
  }

  private async head(diagnosticId: string): Promise<{ personId: string; latestVersion: number }> {
    const [row] = await this.runner.query<{ personId: string; latestVersion: number }>(
      `SELECT person_id AS "personId", latest_version AS "latestVersion" FROM orientation_diagnostic WHERE id = $1`,
      [diagnosticId],
    );
    if (!row) throw new OrientationError(OrientationErrorCode.DiagnosticNotFound, 'No diagnostic with this id', { diagnosticId });
    return row;
  }

  /** The version as it will be stored, or 422 with every problem: content, day, authors. */
  private async checked(
    runner: SqlRunner,
    actor: Actor,
    modality: DiagnosticModality,
    input: DiagnosticInput,
    facts: PersonFacts,
    today: string,
    previousDay: string | null,
  ): Promise<{ content: DiagnosticContent; authors: string[]; diagnosedOn: string; age: number; score: Score }> {
    const problems = diagnosticContentProblems(input.content).map((p) => `content.${p}`);
    const diagnosedOn = input.diagnosedOn ?? today;
    if (diagnosedOn > today) problems.push(`diagnosedOn: ${diagnosedOn} is after today (${today})`);
    if (previousDay && diagnosedOn < previousDay) problems.push(`diagnosedOn: before the previous version's day (${previousDay})`);
    const authors = [...new Set(input.authors)];
    if (authors.length !== input.authors.length) problems.push('authors: a professional given twice');
    const writer = professionalOf(actor);
    if (writer && !authors.includes(writer)) problems.push('authors: the professional who writes the diagnostic is one of its authors');
    const known = await activeProfessionals(runner, authors, diagnosedOn, AUTHOR_ROLES);
    for (const id of authors) if (!known.has(id)) problems.push(`authors: ${id} is not a professional with an active habilitation of ${AUTHOR_ROLES.join(', ')}`);
    if (modality === 'co-diagnostic') {
      // The binôme of L3151: a France Travail counsellor and a Département (or partner) professional.
      const ft = authors.filter((id) => known.get(id)?.franceTravail).length;
      if (authors.length !== 2 || ft !== 1) problems.push('authors: a co-diagnostic is made by two professionals, one of France Travail and one of the Département or a partner');
    } else if (authors.length !== 1) {
      problems.push('authors: a referent diagnostic is made by the referent alone');
    }
    if (problems.length > 0) throw new OrientationError(OrientationErrorCode.DiagnosticInvalid, 'This diagnostic cannot be saved', { problems });
    const content = input.content as DiagnosticContent;
    const age = ageOn(facts.birthDate, diagnosedOn);
    return { content, authors, diagnosedOn, age, score: scoreOf(content, factsOf(content, age)) };
  }

  private async insertVersion(
    runner: SqlRunner,
    actor: Actor,
    diagnosticId: string,
    personId: string,
    version: number,
    v: { content: DiagnosticContent; authors: string[]; diagnosedOn: string; age: number; score: Score },
  ): Promise<void> {
    await runner.query(
      `INSERT INTO orientation_diagnostic_version (diagnostic_id, version, person_id, diagnosed_on, authors, content, age, score, profile, score_addends, scoring_version, created_by)
       VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8, $9, $10, $11, $12)`,
      [diagnosticId, version, personId, v.diagnosedOn, v.authors, JSON.stringify(v.content), v.age, v.score.value, v.score.profile, JSON.stringify(v.score.addends), v.score.version, actorRef(actor)],
    );
  }
}
