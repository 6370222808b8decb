import { addDays, toDays, yearsBetween } from './calendar';
import { amount } from './formats';
import type { NirAllocator } from './identifiers';
import type { GenIdentity, GenPerson, GenPrestation, GenRattachement } from './model';
import {
  dateBetween,
  type EconomicProfile,
  isSubjectToDroitsEtDevoirs,
  makeEconomicProfile,
  makeIdentity,
  pickLastName,
  prestations,
  type Sexe,
} from './person-builder';
import type { Rng } from './prng';
import { OPEN_STATES } from './rights-builder';

/** The members of a foyer: DEM and CJT with their economic situation, children, other person (AUT). */

export interface AdultRequest {
  identity: GenIdentity;
  role: 'DEM' | 'CJT';
  ddratdos: string;
  referenceDate: string;
  state: string;
  dtdemrsa: string;
  singleParent: boolean;
  /** Daily event of the dossier, if any (ENTDED and DEMRSA make people entrants). */
  event: string | null;
}

export function makeAdult(rng: Rng, req: AdultRequest): { person: GenPerson; profile: EconomicProfile } {
  const R = req.referenceDate;
  const profile = makeEconomicProfile(rng, R, req.identity.dtnai, req.singleParent, req.event !== 'ENTDED');
  const subject = isSubjectToDroitsEtDevoirs(profile);
  const open = OPEN_STATES.has(req.state);
  // Closed or pending dossiers keep a stale flag now and then: the state, not the flag, decides.
  const toppers = open ? subject : req.state === '5' || req.state === '6' ? subject && rng.chance(0.5) : req.state === '0' ? subject && rng.chance(0.4) : false;
  const entering = open && toppers && (req.event === 'ENTDED' || req.event === 'DEMRSA' || toDays(R) - toDays(req.dtdemrsa) <= 60);
  const pregnant = req.identity.sexe === '2' && yearsBetween(req.identity.dtnai, R) < 40 && rng.chance(0.02);
  const ddgro = addDays(R, -rng.int(30, 200));
  return {
    profile,
    person: {
      ...req.identity,
      toprespdos: req.role === 'DEM',
      ddratdos: req.ddratdos,
      dfratdos: null,
      numdemrsaprece: null,
      prestations: prestations(req.role, req.role, false, true),
      rattachements: [],
      idassedic: profile.idassedic,
      ressources: profile.ressources,
      montantCalculDroit: {
        toppersdrodevorsa: toppers,
        toppersentdrodevorsa: entering ? true : null,
        mtpersressmenrsa: profile.totalIncome > 0 ? amount(profile.totalIncome) : null,
        mtpersabaneursa: null,
      },
      activites: profile.activites,
      grossesse: pregnant ? { ddgro, dfgro: null, dtdeclgro: addDays(ddgro, rng.int(20, 80)), natfingro: null } : null,
    },
  };
}

/** Children and AUT persons: no resources, no activity, no MontantCalculDroitRSAPersonne block. */
function dependant(identity: GenIdentity, ddratdos: string, prestation: [GenPrestation, GenPrestation], rattachements: GenRattachement[]): GenPerson {
  return {
    ...identity,
    toprespdos: false,
    ddratdos,
    dfratdos: null,
    numdemrsaprece: null,
    prestations: prestation,
    rattachements,
    idassedic: null,
    ressources: null,
    montantCalculDroit: null,
    activites: [],
    grossesse: null,
  };
}

const rattachementTo = (parent: GenIdentity, typepar: string): GenRattachement => ({
  nomnai: parent.nomnai,
  prenom: parent.prenom,
  dtnai: parent.dtnai,
  nir: parent.nir,
  typepar,
});

export interface ChildrenRequest {
  /** Ages in years, oldest first. */
  ages: readonly number[];
  parents: readonly GenPerson[];
  married: boolean;
  referenceDate: string;
  /** DDRATDOS of the demandeur: children are attached from then or from birth. */
  attachedFrom: string;
}

/**
 * Children carry the father's birth name in most couples and the mother's otherwise; twins share a
 * birth date (RGNAI 1 and 2). Each child points to one or both parents (Rattachement, max 2).
 */
export function makeChildren(rng: Rng, nirs: NirAllocator, req: ChildrenRequest): GenPerson[] {
  const [dem] = req.parents;
  const father = req.parents.find((p) => p.sexe === '1');
  const couple = req.parents.length > 1;
  const children: GenPerson[] = [];
  req.ages.forEach((age, i) => {
    const twin = i > 0 && req.ages[i - 1] === age && rng.chance(0.3) ? children[i - 1] : undefined;
    const nomnai = twin
      ? twin.nomnai
      : couple
        ? father && rng.chance(0.8) ? father.nomnai : dem.nomnai
        : dem.sexe === '1' || rng.chance(0.65) ? dem.nomnai : pickLastName(rng);
    const sexe: Sexe = rng.chance(0.51) ? '1' : '2';
    const identity = makeIdentity(rng, nirs, { sexe, age, referenceDate: req.referenceDate, nomnai, adult: age >= 18, dtnai: twin?.dtnai });
    if (twin) {
      twin.rgnai = '1';
      identity.rgnai = '2';
    }
    const linked = couple && rng.chance(0.15) ? [dem] : req.parents;
    const typepar = req.married ? 'LEG' : 'NAT';
    children.push(
      dependant(
        identity,
        identity.dtnai > req.attachedFrom ? identity.dtnai : req.attachedFrom,
        prestations('ENF', 'ENF', age < 20, true),
        linked.map((p) => rattachementTo(p, typepar)),
      ),
    );
  });
  return children;
}

/** An AUT person: an ascendant of the demandeur, or a sibling or other relative. */
export function makeOtherPerson(rng: Rng, nirs: NirAllocator, dem: GenPerson, referenceDate: string): GenPerson {
  const demAge = yearsBetween(dem.dtnai, referenceDate);
  const ascendant = demAge < 50 && rng.chance(0.6);
  const sexe: Sexe = rng.chance(0.5) ? '1' : '2';
  const age = ascendant ? Math.min(95, demAge + rng.int(20, 32)) : Math.max(18, demAge + rng.int(-10, 10));
  const nomnai = ascendant && sexe === '1' ? dem.nomnai : pickLastName(rng);
  const identity = makeIdentity(rng, nirs, { sexe, age, referenceDate, nomnai, nom: ascendant && sexe === '2' ? dem.nomnai : undefined, adult: true });
  return dependant(
    identity,
    dateBetween(rng, dem.ddratdos, referenceDate),
    prestations('AUT', 'AUT', false, true),
    [rattachementTo(dem, ascendant ? 'ASC' : rng.pick(['FRE', 'AUT']))],
  );
}
