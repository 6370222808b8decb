import type { Pool } from 'pg';
import { addDays, addWorkingDays, parisInstant, type Actor, type UserActor } from '@rsa/kernel';
import { actorRef, type ActorResolver, type SeedResult, type StructureKind } from '@rsa/access';
import type { BeneficiaryChanges } from '@rsa/beneficiary';
import {
  aDiagnosticContent,
  type BarrierLevel,
  type BarrierTheme,
  type ContractCommands,
  type DiagnosticContent,
  type Diagnostics,
  type Dominante,
  type NewAction,
  type OrientationCriteria,
  type OrientationDecisions,
  type OverrideReason,
  type PortfolioAssignments,
  type Reorientations,
  type Wishes,
} from '@rsa/orientation';
import { DEMO_SUBJECTS } from './demo-organisation';

/**
 * The path after the convocation for a few people of Roubaix-Tourcoing, so the demo accounts see
 * diagnostics, orientations, portfolios and contracts: each step through the application service a
 * professional calls from the API (checked against their scope and audited), the professional
 * resolved from their account as the API's guard does. The co-diagnostic binôme (the France Travail
 * counsellor and the Maison Nord Emploi referent) is made a member of the case, writes the
 * diagnostic and decides the orientation, mostly as proposed; the coordinator assigns the referent
 * of the kind of structure chosen, with the first accompaniment appointment; half of them sign a
 * contract with two actions; the referent asks for one réorientation, left pending for the
 * coordinator. Capacity and the target mix stay at their defaults, rule sets at the référentiel.
 *
 * A second run adds nothing: the people already started (the case-member grants this seeding
 * gave the counsellor) are taken first and only their missing steps are done, then new people are
 * taken up to DEMO_PATH_PEOPLE.
 */
export const DEMO_PATH_PEOPLE = 12;

const TERRITORY = 'roubaix-tourcoing';
const TIMES = ['09:30', '10:30', '14:00', '15:30'];

interface ThemeChange {
  level: BarrierLevel;
  situations: string[];
  objectives: string[];
}

/** One person's path; the comment above each says what the référentiel proposes for the content (ages 20 to 55). */
interface DemoPlan {
  criteria?: Partial<OrientationCriteria>;
  themes?: Partial<Record<BarrierTheme, ThemeChange>>;
  powerToAct?: DiagnosticContent['powerToAct'];
  wishes?: Partial<Wishes>;
  /** The kind of referent structure the binôme chooses (among the proposal's, unless an override). */
  structureKind: StructureKind;
  /** The professionals choose another dominante than the proposal, for this reason. */
  override?: { dominante: Dominante; reason: OverrideReason };
  /** The contract's two actions (from the day they start until the end of the first period, or for some weeks). */
  actions?: [PlannedAction, PlannedAction];
  /** The referent asks for a réorientation, left pending. */
  reorientation?: { dominante: Dominante; structureKind: StructureKind; reasonCode: string };
}

type PlannedAction = Pick<NewAction, 'category' | 'code' | 'weeklyHours' | 'providerCode'> & { weeks?: number; provider?: 'IOD-METROPOLE' };

/** Five Emploi, four Équilibre (one chosen against an Emploi proposal), three Remobilisation. */
const PLANS: DemoPlan[] = [
  {
    // proposed: emploi
    wishes: { jobProjects: ['N1103'] },
    structureKind: 'france-travail-agency',
    actions: [
      { category: 'job-search', code: 'applications', weeklyHours: 10 },
      { category: 'workshop', code: 'interview-preparation', weeklyHours: 5, weeks: 6 },
    ],
  },
  {
    // proposed: equilibre
    criteria: { availability: 'near', lastExperience: 'medium' },
    themes: { mobilite: { level: 'blocking', situations: ['sans-permis', 'sans-vehicule'], objectives: ['passer-le-permis'] } },
    structureKind: 'maison-nord-emploi',
    actions: [
      { category: 'mobility', code: 'driving-licence', weeklyHours: 9 },
      { category: 'workshop', code: 'cv-workshop', weeklyHours: 6, weeks: 8 },
    ],
  },
  {
    // proposed: remobilisation
    criteria: { availability: 'not-available', motivation: 'support-only', autonomy: 'medium', lastExperience: 'distant', franceTravailRegistered: false, qualification: 'none' },
    themes: {
      logement: { level: 'blocking', situations: ['hebergement-temporaire'], objectives: ['acceder-a-un-logement', 'demande-logement-social'] },
      budget: { level: 'peripheral', situations: ['dettes'], objectives: ['etablir-un-budget'] },
    },
    powerToAct: { confidence: 1, supportWanted: 4 },
    structureKind: 'maison-nord-emploi',
  },
  {
    // proposed: emploi
    criteria: { employmentSituation: 'part-time-compatible', qualification: '3' },
    themes: { 'autonomie-numerique': { level: 'peripheral', situations: ['sans-adresse-email'], objectives: ['creer-ses-comptes-en-ligne'] } },
    wishes: { jobProjects: ['K2204'] },
    structureKind: 'partner-operator',
    actions: [
      { category: 'immersion', code: 'pmsmp', weeklyHours: 12, weeks: 2, providerCode: 'ENTREPRISE-59100' },
      { category: 'job-search', code: 'job-dating', weeklyHours: 3, provider: 'IOD-METROPOLE' },
    ],
  },
  {
    // proposed: equilibre
    criteria: { availability: 'near', autonomy: 'medium' },
    themes: { famille: { level: 'blocking', situations: ['parent-isole', 'enfant-sans-mode-de-garde'], objectives: ['trouver-mode-de-garde'] } },
    structureKind: 'maison-nord-emploi',
    reorientation: { dominante: 'remobilisation', structureKind: 'maison-nord-emploi', reasonCode: 'situation-worsened' },
  },
  {
    // proposed: remobilisation
    criteria: { availability: 'near', lastExperience: 'never', qualification: 'none', franceTravailRegistered: false },
    themes: {
      'savoirs-de-base': { level: 'blocking', situations: ['francais-langue-etrangere'], objectives: ['apprentissage-du-francais'] },
      'demarches-administratives': { level: 'blocking', situations: ['titre-de-sejour-a-renouveler'], objectives: ['regulariser-sa-situation'] },
    },
    structureKind: 'partner-operator',
  },
  {
    // proposed: emploi
    criteria: { qualification: '3' },
    wishes: { jobProjects: ['G1603'] },
    structureKind: 'france-travail-agency',
    actions: [
      { category: 'job-search', code: 'applications', weeklyHours: 10 },
      { category: 'workshop', code: 'job-club', weeklyHours: 5, weeks: 8 },
    ],
  },
  {
    // proposed: equilibre
    themes: {
      'demarches-administratives': { level: 'blocking', situations: ['droits-non-ouverts'], objectives: ['ouvrir-ses-droits'] },
      'autonomie-numerique': { level: 'peripheral', situations: ['sans-equipement'], objectives: ['s-equiper', 'atelier-numerique'] },
    },
    structureKind: 'maison-nord-emploi',
    actions: [
      { category: 'procedure', code: 'rights-access', weeklyHours: 3, weeks: 4 },
      { category: 'job-search', code: 'applications', weeklyHours: 12 },
    ],
  },
  {
    // proposed: emploi. Close to work, but the person wants a training first and support on a care under way: the binôme follows their wish.
    themes: { sante: { level: 'peripheral', situations: ['soins-en-cours'], objectives: ['bilan-de-sante'] } },
    wishes: { dominante: 'equilibre', training: true },
    structureKind: 'maison-nord-emploi',
    override: { dominante: 'equilibre', reason: 'person-wish' },
  },
  {
    // proposed: remobilisation
    criteria: { availability: 'not-available', motivation: 'support-only', lastExperience: 'distant' },
    themes: { sante: { level: 'blocking', situations: ['soins-en-cours', 'reconnaissance-handicap-en-cours'], objectives: ['demarche-rqth'] } },
    powerToAct: { confidence: 2, supportWanted: 3 },
    structureKind: 'maison-nord-emploi',
  },
  {
    // proposed: emploi
    criteria: { qualification: 'none' },
    wishes: { jobProjects: ['K2204', 'N1105'] },
    structureKind: 'partner-operator',
    actions: [
      { category: 'job-search', code: 'iae-recruitment', weeklyHours: 10, provider: 'IOD-METROPOLE' },
      { category: 'immersion', code: 'company-visit', weeklyHours: 5, weeks: 3 },
    ],
  },
  {
    // proposed: emploi
    themes: { budget: { level: 'peripheral', situations: ['charges-superieures-aux-ressources'], objectives: ['acceder-aux-aides'] } },
    wishes: { jobProjects: ['D1106'] },
    structureKind: 'france-travail-agency',
  },
];

function demoDiagnosticContent(plan: DemoPlan): DiagnosticContent {
  const levels = Object.fromEntries(Object.entries(plan.themes ?? {}).map(([theme, change]) => [theme, change.level]));
  const content = aDiagnosticContent({ criteria: plan.criteria, barriers: levels });
  for (const [theme, change] of Object.entries(plan.themes ?? {}) as [BarrierTheme, ThemeChange][]) {
    content.themes[theme] = { level: change.level, situations: change.situations, objectives: change.objectives, supportWanted: true };
  }
  if (plan.powerToAct) content.powerToAct = plan.powerToAct;
  content.wishes = { ...content.wishes, ...plan.wishes };
  return content;
}

export interface DemoPathServices {
  changes: BeneficiaryChanges;
  diagnostics: Diagnostics;
  decisions: OrientationDecisions;
  reorientations: Reorientations;
  assignments: PortfolioAssignments;
  contracts: ContractCommands;
  /** Resolves a demo account to its actor, as the API's guard does for a token. */
  resolver: ActorResolver;
}

export interface DemoPathResult {
  /** People of Roubaix-Tourcoing in the demo path (already there and new). */
  people: number;
  /** What this run added. */
  diagnostics: number;
  decisions: number;
  overrides: number;
  assignments: { referent: number; franceTravail: number; operator: number };
  firstAppointments: number;
  contracts: number;
  actions: number;
  reorientationRequests: number;
}

/** The demo account's actor, resolved as for a token of that account (no role or structure named, no second factor). */
export async function demoProfessional(resolver: ActorResolver, subject: string): Promise<UserActor> {
  return resolver.resolve({ subject, role: null, structureId: null, mfa: false, expiresAt: new Date(Date.now() + 60_000) }, { channel: 'cli', requestId: null });
}

const nextMonday = (day: string): string => {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, ((8 - weekday) % 7) || 7);
};

/** `seeder` shares the files (AccessGrant); every other step is done by a demo professional. `today` is the Paris day of the services' clock. */
export async function seedDemoPath(pool: Pool, services: DemoPathServices, seeder: Actor, seed: SeedResult, today: string): Promise<DemoPathResult> {
  const ids = {
    ft: seed.professionalIds[DEMO_SUBJECTS.ftCounsellorRoubaix],
    referent: seed.professionalIds[DEMO_SUBJECTS.referentRoubaix],
    operator: seed.professionalIds[DEMO_SUBJECTS.partnerOperator],
  };
  const as = {
    ft: await demoProfessional(services.resolver, DEMO_SUBJECTS.ftCounsellorRoubaix),
    referent: await demoProfessional(services.resolver, DEMO_SUBJECTS.referentRoubaix),
    operator: await demoProfessional(services.resolver, DEMO_SUBJECTS.partnerOperator),
    coordinator: await demoProfessional(services.resolver, DEMO_SUBJECTS.coordinatorRoubaix),
  };
  const result: DemoPathResult = { people: 0, diagnostics: 0, decisions: 0, overrides: 0, assignments: { referent: 0, franceTravail: 0, operator: 0 }, firstAppointments: 0, contracts: 0, actions: 0, reorientationRequests: 0 };
  const query = async <T>(text: string, params: unknown[]): Promise<T[]> => (await pool.query(text, params)).rows as T[];

  // Started by an earlier run: the counsellor is a member of the case through this seeding's share.
  const started = (
    await query<{ person_id: string }>(
      `SELECT DISTINCT person_id FROM access_case_grant
        WHERE professional_id = $1 AND basis = 'case-member' AND reason_code = 'co-diagnostic' AND granted_by = $2 AND revoked_at IS NULL
        ORDER BY person_id`,
      [ids.ft, actorRef(seeder)],
    )
  ).map((r) => r.person_id);
  const wanted = Math.max(0, DEMO_PATH_PEOPLE - started.length);
  // New people: an open path in the territory, of working age, untouched (no diagnostic, orientation or share yet).
  const fresh =
    wanted === 0
      ? []
      : (
          await query<{ person_id: string }>(
            `SELECT DISTINCT p.person_id FROM beneficiary_path p
               JOIN beneficiary_dossier d ON d.id = p.dossier_id
               JOIN access_territory_commune tc ON tc.insee = d.commune_insee AND tc.territory_id = $1
               JOIN beneficiary_person pe ON pe.id = p.person_id
              WHERE p.status = 'open' AND pe.anonymised_at IS NULL
                AND pe.dtnai > ($2::date - interval '55 years') AND pe.dtnai <= ($2::date - interval '20 years')
                AND NOT EXISTS (SELECT 1 FROM orientation_diagnostic x WHERE x.person_id = p.person_id)
                AND NOT EXISTS (SELECT 1 FROM orientation_period o WHERE o.person_id = p.person_id)
                AND NOT EXISTS (SELECT 1 FROM access_case_grant g WHERE g.person_id = p.person_id AND g.revoked_at IS NULL)
              ORDER BY p.person_id LIMIT $3`,
            [TERRITORY, today, wanted],
          )
        ).map((r) => r.person_id);
  const people = [...started, ...fresh];
  result.people = people.length;

  const referentOf = (kind: string): { id: string; actor: UserActor; counter: keyof DemoPathResult['assignments'] } =>
    kind === 'france-travail-agency'
      ? { id: ids.ft, actor: as.ft, counter: 'franceTravail' }
      : kind === 'partner-operator'
        ? { id: ids.operator, actor: as.operator, counter: 'operator' }
        : { id: ids.referent, actor: as.referent, counter: 'referent' };

  for (const [index, personId] of people.entries()) {
    const plan = PLANS[index % PLANS.length];

    // The binôme met the person at their convocation: both are members of the case.
    for (const professionalId of [ids.ft, ids.referent]) {
      const [member] = await query(`SELECT 1 FROM access_case_grant WHERE person_id = $1 AND professional_id = $2 AND basis = 'case-member' AND revoked_at IS NULL`, [personId, professionalId]);
      if (!member) await services.changes.share(seeder, personId, { professionalId, basis: 'case-member', reasonCode: 'co-diagnostic' });
    }

    const [diagnosed] = await query(`SELECT 1 FROM orientation_diagnostic WHERE person_id = $1`, [personId]);
    if (!diagnosed) {
      await services.diagnostics.create(as.ft, personId, { authors: [ids.ft, ids.referent], content: demoDiagnosticContent(plan) });
      result.diagnostics++;
    }

    const [oriented] = await query(`SELECT 1 FROM orientation_period WHERE person_id = $1`, [personId]);
    if (!oriented) {
      const proposal = await services.decisions.proposal(as.ft, personId);
      const dominante = plan.override?.dominante ?? proposal.dominante;
      const structureKind = plan.override || proposal.structureKinds.includes(plan.structureKind) ? plan.structureKind : proposal.structureKinds[0];
      const decision = await services.decisions.decide(as.ft, personId, {
        diagnosticId: proposal.diagnostic.id,
        diagnosticVersion: proposal.diagnostic.version,
        deciders: [ids.ft, ids.referent],
        dominante,
        structureKind,
        agreement: 'agreed',
        agreementOn: today,
        overrideReason: plan.override?.reason ?? null,
      });
      result.decisions++;
      if (decision.override) result.overrides++;
    }

    const [period] = await query<{ id: string; structure_kind: string; referent_id: string | null; diagnostic_on: string }>(
      `SELECT o.id, o.structure_kind, o.referent_id, to_char(d.diagnostic_on, 'YYYY-MM-DD') AS diagnostic_on
         FROM orientation_period o LEFT JOIN orientation_decision d ON d.id = o.decision_id
        WHERE o.person_id = $1 AND o.ends_on IS NULL`,
      [personId],
    );
    if (!period) continue; // left the path since (another professional's doing): nothing more here
    const referent = referentOf(period.structure_kind);
    if (!period.referent_id) {
      // The first accompaniment appointment one to three working days ahead (within the 5 after a diagnostic of today; otherwise the service's default).
      const at = period.diagnostic_on === today ? parisInstant(addWorkingDays(today, 1 + (index % 3)), TIMES[index % TIMES.length]).toISOString() : null;
      await services.assignments.assign(as.coordinator, personId, { professionalId: referent.id, firstAppointmentAt: at });
      result.assignments[referent.counter]++;
      result.firstAppointments++;
    } else if (period.referent_id !== referent.id) {
      continue; // someone else's portfolio now
    }

    if (plan.actions) {
      const [contract] = await query(`SELECT 1 FROM contract WHERE orientation_period_id = $1`, [period.id]);
      if (!contract) {
        const draft = await services.contracts.create(referent.actor, personId);
        let current = await services.contracts.sign(referent.actor, draft.id, draft.version, today);
        result.contracts++;
        const periodEnd = current.currentPeriod?.endsOn ?? addDays(today, 90);
        const startsOn = nextMonday(addWorkingDays(today, 3));
        for (const a of plan.actions) {
          const endsOn = a.weeks ? addDays(startsOn, 7 * a.weeks - 3) : periodEnd;
          current = await services.contracts.addAction(referent.actor, current.id, current.version, {
            category: a.category,
            code: a.code,
            weeklyHours: a.weeklyHours,
            startsOn,
            endsOn: endsOn < periodEnd ? endsOn : periodEnd,
            providerStructureId: a.provider ? seed.structureIds[a.provider] : null,
            providerCode: a.providerCode ?? null,
          });
          result.actions++;
        }
      }
    }
  }

  // One réorientation request for the coordinator's list, asked by the person's referent (once: any request of a demo person counts).
  const [asked] = await query(`SELECT 1 FROM orientation_reorientation_request WHERE person_id = ANY($1::uuid[])`, [people]);
  if (!asked) {
    const index = PLANS.findIndex((p) => p.reorientation);
    const plan = PLANS[index];
    const personId = people[index];
    const [period] = personId
      ? await query<{ dominante: string }>(`SELECT dominante FROM orientation_period WHERE person_id = $1 AND ends_on IS NULL AND referent_id = $2`, [personId, ids.referent])
      : [];
    if (plan.reorientation && period && period.dominante !== plan.reorientation.dominante) {
      await services.reorientations.request(as.referent, personId, {
        proposedDominante: plan.reorientation.dominante,
        proposedStructureKind: plan.reorientation.structureKind,
        reasonCode: plan.reorientation.reasonCode,
      });
      result.reorientationRequests++;
    }
  }
  return result;
}
