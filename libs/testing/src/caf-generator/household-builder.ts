import { addDays, firstOfMonth, maxDate, minDate } from './calendar';
import {
  ADULT_AGE_BANDS,
  DAILY_EVENTS,
  ETATDOSRSA_MONTHLY,
  EXTRA_CHILDREN,
  HOUSEHOLD_COMPOSITIONS,
  MOTICLORSA,
  OTHER_NUMORG,
  OTHER_PERSON_SHARE,
  SECONDARY_EVENTS,
  SITFAM_COUPLE,
  SITFAM_SINGLE,
  SITFAM_SINGLE_PARENT,
  YOUNG_PARENT_BAND,
} from './distributions';
import { makeAddresses } from './address-builder';
import { clockTime } from './formats';
import { DEPARTEMENT, type DossierNumbers, type NirAllocator } from './identifiers';
import type { FileKind, GenEvenement, GenHousehold, GenPerson } from './model';
import { makeAdult, makeChildren, makeOtherPerson } from './members-builder';
import { dateBetween, eighteenthBirthday, makeIdentity, pickLastName, type Sexe } from './person-builder';
import { Rng, type Seed } from './prng';
import { applyAmounts, applyRightState, isUnder25, OPEN_STATES } from './rights-builder';

export interface HouseholdContext {
  seed: Seed;
  kind: FileKind;
  /** Day the content describes: the day of a daily file, the last day of the month otherwise. */
  referenceDate: string;
  numorg: string;
  numbers: DossierNumbers;
  nirs: NirAllocator;
}

const other = (s: Sexe): Sexe => (s === '1' ? '2' : '1');

function adultAge(rng: Rng, withChildren: boolean): number {
  // 18–24 only with children, and the rare RSA jeune actif otherwise.
  const bands = withChildren ? [...ADULT_AGE_BANDS, YOUNG_PARENT_BAND] : [...ADULT_AGE_BANDS, [[18, 24], 0.5] as const];
  const [min, max] = rng.weighted(bands);
  return rng.int(min, max);
}

/** In a daily file the event comes first and the state follows from it. */
function stateForEvent(rng: Rng, event: string): string {
  switch (event) {
    case 'DEMRSA':
      return rng.weighted<string>([['0', 45], ['2', 45], ['1', 10]]);
    case 'ENTDED':
      return '2';
    case 'SUS':
      return rng.chance(0.8) ? '4' : '3';
    case 'RAD':
    case 'MUT':
      return '5';
    default:
      return rng.weighted(ETATDOSRSA_MONTHLY.filter(([s]) => s !== '0' && s !== '1'));
  }
}

/** Entrance date into RSA: recent for new demands, ~3 years median otherwise, 2009-06-01 for conversions. */
function demandDate(rng: Rng, state: string, event: string | null, referenceDate: string, adultFrom: string): { dtdemrsa: string; oridemrsa: string } {
  const atLeast = (d: string) => ({ dtdemrsa: minDate(referenceDate, maxDate(d, adultFrom)), oridemrsa: 'DEM' });
  if (state === '0') return atLeast(addDays(referenceDate, -rng.int(0, 45)));
  if (state === '1') return atLeast(addDays(referenceDate, -rng.int(20, 80)));
  if (event === 'DEMRSA') return atLeast(addDays(referenceDate, -rng.int(0, 30)));
  if (event === 'ENTDED') return atLeast(addDays(referenceDate, -rng.int(15, 90)));
  if (rng.chance(0.05) && adultFrom <= '2009-06-01') return { dtdemrsa: '2009-06-01', oridemrsa: rng.chance(0.6) ? 'RMI' : 'API' };
  const ageDays = Math.round(rng.exponential(3 * 365.25));
  return atLeast(maxDate('2009-06-02', addDays(referenceDate, -Math.max(1, ageDays))));
}

/** Builds household `index`: a pure function of (seed, kind, index, reference date) and the NIR counters. */
export function buildHousehold(ctx: HouseholdContext, index: number): GenHousehold {
  const rng = Rng.of(ctx.seed, 'household', ctx.kind, index);
  const R = ctx.referenceDate;

  const row = rng.weighted(HOUSEHOLD_COMPOSITIONS);
  const nChildren = row.children + (row.orMore ? rng.weighted(EXTRA_CHILDREN) : 0);
  const couple = row.composition === 'couple' || row.composition === 'couple-children';
  const withChildren = nChildren > 0;

  const primaryEvent = ctx.kind === 'daily' ? rng.weighted(DAILY_EVENTS) : null;
  const state = primaryEvent ? stateForEvent(rng, primaryEvent) : rng.weighted(ETATDOSRSA_MONTHLY);

  // Situation de famille, then names (usage name of married women).
  const sitfam = rng.weighted(couple ? SITFAM_COUPLE : withChildren ? SITFAM_SINGLE_PARENT : SITFAM_SINGLE);
  const demSexe: Sexe = row.composition.startsWith('man') ? '1' : row.composition.startsWith('woman') ? '2' : rng.chance(0.6) ? '1' : '2';
  const cjtSexe: Sexe | null = couple ? (rng.chance(0.01) ? demSexe : other(demSexe)) : null;
  const demAge = adultAge(rng, withChildren);
  const cjtAge = couple ? Math.min(70, Math.max(18, demAge + rng.int(-6, 6))) : 0;
  const demNomnai = pickLastName(rng);
  const cjtNomnai = couple ? pickLastName(rng) : '';
  const marriedWoman = (sexe: Sexe) => sexe === '2' && sitfam === 'MAR' && rng.chance(0.75);
  let demNom: string | undefined;
  let cjtNom: string | undefined;
  if (couple && cjtSexe !== demSexe) {
    if (marriedWoman(demSexe)) demNom = cjtNomnai;
    if (cjtSexe && marriedWoman(cjtSexe)) cjtNom = demNomnai;
  } else if (!couple && demSexe === '2' && ['DIV', 'VEU', 'SEL', 'SEF'].includes(sitfam) && rng.chance(0.4)) {
    demNom = pickLastName(rng);
  }

  const dem = makeIdentity(rng, ctx.nirs, { sexe: demSexe, age: demAge, referenceDate: R, nomnai: demNomnai, nom: demNom, adult: true });
  const cjt = couple && cjtSexe ? makeIdentity(rng, ctx.nirs, { sexe: cjtSexe, age: cjtAge, referenceDate: R, nomnai: cjtNomnai, nom: cjtNom, adult: true }) : null;

  // Children: both parents were at least 16 at the birth.
  const parentAge = cjt ? Math.min(demAge, cjtAge) : demAge;
  const childAges = Array.from({ length: nChildren }, () => rng.int(0, Math.max(0, Math.min(20, parentAge - 16)))).sort((a, b) => b - a);

  const adultFrom = eighteenthBirthday(dem.dtnai);
  const { dtdemrsa, oridemrsa } = demandDate(rng, state, primaryEvent, R, adultFrom);

  // DDSITFAM: union date for couples, 18th birthday for "célibataire", a later date otherwise.
  const ddsitfam = couple
    ? dateBetween(rng, maxDate(adultFrom, eighteenthBirthday(cjt!.dtnai)), addDays(R, -30))
    : sitfam === 'CEL'
      ? adultFrom
      : dateBetween(rng, addDays(adultFrom, 730), addDays(R, -30));

  const demDdratdos = rng.chance(0.5) ? dtdemrsa : dateBetween(rng, adultFrom, dtdemrsa);
  const youngest = childAges.length ? childAges[childAges.length - 1] : null;
  const adultRequest = { referenceDate: R, state, dtdemrsa, singleParent: !couple && withChildren, event: primaryEvent };
  const adults = [makeAdult(rng, { ...adultRequest, identity: dem, role: 'DEM', ddratdos: demDdratdos })];
  if (cjt) adults.push(makeAdult(rng, { ...adultRequest, identity: cjt, role: 'CJT', ddratdos: maxDate(ddsitfam, demDdratdos) }));
  const demBuilt = adults[0];
  const parents = adults.map((a) => a.person);
  const persons: GenPerson[] = [
    ...parents,
    ...makeChildren(rng, ctx.nirs, { ages: childAges, parents, married: sitfam === 'MAR', referenceDate: R, attachedFrom: demDdratdos }),
  ];
  if (rng.chance(OTHER_PERSON_SHARE)) persons.push(makeOtherPerson(rng, ctx.nirs, demBuilt.person, R));

  // A partner who left the foyer this month: still listed, with DFRATDOS (and a separation).
  let situation = { sitfam, ddsitfam, regagrifam: null as string | null };
  if (cjt && OPEN_STATES.has(state) && rng.chance(0.04)) {
    const left = persons[1];
    left.dfratdos = dateBetween(rng, addDays(firstOfMonth(R), -20), R);
    situation = { sitfam: 'SEF', ddsitfam: left.dfratdos, regagrifam: null };
  }

  const sansDomicileFixe = rng.chance(0.03);
  const h: GenHousehold = {
    index,
    organisme: { fonorg: 'CAF', numorg: ctx.numorg, matricule: ctx.numbers.matricule15(index) },
    partenaire: { typeparte: 'CG  ', ideparte: DEPARTEMENT },
    demandeRsa: { dtdemrsa, numdemrsa: ctx.numbers.numdemrsa(index) },
    demandeRmi:
      oridemrsa === 'RMI' && rng.chance(0.6)
        ? {
            dtdemrmi: dateBetween(rng, maxDate('1989-01-01', adultFrom), '2009-05-31'),
            numdepinsrmi: DEPARTEMENT,
            typeinsrmi: 'C',
            numcominsrmi: rng.digits(3),
            numagrinsrmi: rng.digits(2),
            numdosinsrmi: rng.digits(5),
            numcli: rng.digits(3),
          }
        : null,
    organismeCedant: rng.chance(0.02)
      ? {
          fonorgcedmut: 'CAF',
          numorgcedmut: rng.pick(OTHER_NUMORG),
          matriculeorgcedmut: rng.chance(0.7) ? rng.digits(7) + '00000000' : null,
          ddarrmut: dateBetween(rng, dtdemrsa, R),
        }
      : null,
    organismePrenant: null,
    persons,
    situationFamille: situation,
    addresses: makeAddresses(rng, R, dem.nom, sansDomicileFixe),
    etatdosrsa: state,
    refus: null,
    suspensionsDroit: [],
    suspensionsVersement: [],
    finDroit: null,
    finDroitMoisAnterieur: null,
    troncCommunDroit: {
      topsansdomfixe: sansDomicileFixe,
      nbenfautcha: String(persons.filter((p) => ['ENF', 'AUT'].includes(p.prestations[1].rolepers) && p.prestations[1].topchapers).length).padStart(2, '0'),
      oridemrsa,
      dtoridemrsa: oridemrsa === 'DEM' ? dtdemrsa : null,
      topfoydrodevorsa: null,
    },
    montantsCalculDroit: null,
    detailsCalculDroit: [],
    evenements: [],
    anomalies: [],
    quirks: {},
    faults: [],
  };
  if (h.demandeRmi) h.troncCommunDroit.dtoridemrsa = h.demandeRmi.dtdemrmi;

  const closure = primaryEvent === 'MUT' ? 'MUT' : primaryEvent === 'RAD' ? rng.weighted(MOTICLORSA.filter(([m]) => m !== 'MUT')) : undefined;
  applyRightState(rng, h, R, closure);

  const subjects = adults.filter((a) => a.person.dfratdos === null && a.person.montantCalculDroit?.toppersdrodevorsa);
  h.troncCommunDroit.topfoydrodevorsa = state === '0' || state === '1' ? null : subjects.length > 0;
  const pregnantSingle = !couple && demBuilt.person.grossesse !== null;
  const majore = !couple && ((withChildren && youngest !== null && youngest < 3) || pregnantSingle) && rng.chance(0.8);
  const foyerIncome = adults.filter((a) => a.person.dfratdos === null).reduce((sum, a) => sum + a.profile.totalIncome, 0);
  applyAmounts(rng, h, R, foyerIncome, { majore, under25WithChild: isUnder25(dem.dtnai, R) && (withChildren || pregnantSingle) });

  if (primaryEvent) h.evenements = dailyEvents(rng, R, primaryEvent, state);
  return h;
}

function dailyEvents(rng: Rng, day: string, primary: string, state: string): GenEvenement[] {
  const fgs = [primary];
  if (primary === 'DEMRSA' && state === '2' && rng.chance(0.7)) fgs.push('ENTDED');
  if (rng.chance(0.3)) {
    const second = rng.weighted(SECONDARY_EVENTS);
    if (!fgs.includes(second)) fgs.push(second);
  }
  const times = fgs.map(() => rng.int(6 * 3600, 21 * 3600)).sort((a, b) => a - b);
  return fgs.map((fg, i) => ({ dtliq: day, heuliq: clockTime(times[i]), fg }));
}
