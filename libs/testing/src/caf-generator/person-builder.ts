import { identityKey } from '@rsa/beneficiary';
import { addDays, addMonths, firstOfMonth, fromDays, isoDate, lastOfMonth, maxDate, minDate, splitDate, toDays } from './calendar';
import { BIRTH_PLACES, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './data/names';
import { NORD_COMMUNES } from './data/nord-communes';
import { ACT_WITHOUT_JOB, ADULT_BIRTH_DEPARTEMENTS, CHILD_BIRTH_DEPARTEMENTS, RSA_AMOUNTS } from './distributions';
import { afnor, amount } from './formats';
import { idassedic, type NirAllocator } from './identifiers';
import type { GenActivite, GenIdentity, GenPrestation, GenRessources, GenRessourcesMensuelles } from './model';
import type { Rng } from './prng';

/** Share of people generated without a NIR (§14.2: ~2 %). */
const MISSING_NIR_SHARE = 0.02;

export type Sexe = '1' | '2';

export interface IdentityRequest {
  sexe: Sexe;
  /** Age in whole years on the reference date. */
  age: number;
  referenceDate: string;
  nomnai: string;
  /** Usage name when it differs from the birth name (married women). */
  nom?: string;
  adult: boolean;
  /** Forces the birth date (twins). */
  dtnai?: string;
}

export function pickLastName(rng: Rng): string {
  return rng.pick(LAST_NAMES);
}

export function pickFirstName(rng: Rng, sexe: Sexe): string {
  return rng.pick(sexe === '1' ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES);
}

function birthDate(rng: Rng, age: number, referenceDate: string): string {
  // Born between (age + 1) years and age years before the reference date.
  const latest = toDays(addMonths(referenceDate, -12 * age));
  const earliest = toDays(addMonths(referenceDate, -12 * (age + 1))) + 1;
  return fromDays(rng.int(earliest, latest));
}

/**
 * Identification block of one person. The NIR is consistent with sex, birth year and month, and
 * mostly carries the Nord as birth département.
 */
export function makeIdentity(rng: Rng, nirs: NirAllocator, req: IdentityRequest): GenIdentity {
  const departement = rng.weighted(req.adult ? ADULT_BIRTH_DEPARTEMENTS : CHILD_BIRTH_DEPARTEMENTS);
  let dtnai = req.dtnai ?? birthDate(rng, req.age, req.referenceDate);
  // TYPEDTNAI: N day and month known, J day unknown (day 01), O day and month unknown (01-01).
  const abroad = departement === '99';
  const typedtnai = req.dtnai ? 'N' : rng.weighted<string>([['N', abroad ? 90 : 97.5], ['J', abroad ? 5 : 1.5], ['O', abroad ? 5 : 1]]);
  if (typedtnai === 'J') dtnai = `${dtnai.slice(0, 8)}01`;
  if (typedtnai === 'O') dtnai = `${dtnai.slice(0, 5)}01-01`;
  const nomcomnai =
    departement === '59' ? afnor(rng.pick(NORD_COMMUNES).name) : rng.pick(BIRTH_PLACES[departement] ?? BIRTH_PLACES['62']);
  const nir = rng.chance(MISSING_NIR_SHARE) ? null : nirs.allocate({ sexe: req.sexe, dtnai, departement });
  let prenom = pickFirstName(rng, req.sexe);
  // Someone else of the file with the same birth name, first name and birth date would be linked to
  // this person by the intake: draw another first name (a few tries). The rank (RGNAI) is 1 here;
  // only a twin gets rank 2 from its caller, and a twin may share its sibling's first name: the rank
  // tells them apart, which is what it is for.
  const keyOf = (first: string) => identityKey({ nomnai: req.nomnai, nom: req.nom, prenom: first, dtnai, rgnai: null });
  for (let tries = 0; tries < 20 && !nirs.claimIdentity(keyOf(prenom)) && !req.dtnai; tries++) prenom = pickFirstName(rng, req.sexe);
  let prenom2: string | null = null;
  let prenom3: string | null = null;
  if (rng.chance(0.45)) prenom2 = pickFirstName(rng, req.sexe);
  if (prenom2 && rng.chance(0.3)) prenom3 = pickFirstName(rng, req.sexe);
  const qual = !req.adult ? null : req.sexe === '1' ? 'MR' : rng.chance(0.02) ? 'MLE' : 'MME';
  return {
    qual,
    nom: req.nom ?? req.nomnai,
    nomnai: req.nomnai,
    prenom,
    prenom2: prenom2 === prenom ? null : prenom2,
    prenom3: prenom3 === prenom || prenom3 === prenom2 ? null : prenom3,
    nomcomnai: nomcomnai.slice(0, 26),
    dtnai,
    rgnai: rng.chance(0.6) ? '1' : null,
    typedtnai,
    nir,
    topvaliec: rng.weighted<boolean | null>([[true, 92], [false, 6], [null, 2]]),
    sexe: req.sexe,
  };
}

export function prestations(pfaRole: string, rsaRole: string, pfaCharge: boolean, rsaCharge: boolean): [GenPrestation, GenPrestation] {
  return [
    { natprest: 'PFA', rolepers: pfaRole, topchapers: pfaCharge },
    { natprest: 'RSA', rolepers: rsaRole, topchapers: rsaCharge },
  ];
}

/** Economic situation of an adult over the reference quarter of the DTR. */
export interface EconomicProfile {
  ressources: GenRessources;
  activites: GenActivite[];
  idassedic: string | null;
  /** Monthly average of activity income (NATRESS 001) over the quarter: the D&D criterion. */
  activityIncome: number;
  /** Monthly average of all resources. */
  totalIncome: number;
}

/**
 * Resources of the DTR quarter (three months ending two months before the reference month, as in
 * the fixtures) and current activity; about half the adults declare no resources (TOPRESSNUL=1).
 * About one adult in five has a job; those earning more than
 * 500 €/month on average are not subject to droits et devoirs (§5.3). `mayWork: false` is for
 * people the scenario needs subject to droits et devoirs (a daily ENTDED event).
 */
export function makeEconomicProfile(rng: Rng, referenceDate: string, dtnai: string, singleParent: boolean, mayWork = true): EconomicProfile {
  const refMonth = firstOfMonth(referenceDate);
  const months = [-5, -4, -3].map((m) => addMonths(refMonth, m));
  const ddress = months[0];
  const dfress = lastOfMonth(months[2]);
  const adultSince = addMonths(dtnai, 12 * 18);

  const works = rng.chance(0.2) && mayWork;
  const unemploymentBenefit = !works && rng.chance(0.2);
  // Daily allowances (IJ maladie) or an invalidity pension.
  const otherBenefit = rng.chance(0.06) ? rng.pick(['011', '021']) : null;
  const alimony = singleParent && rng.chance(0.15);
  const savings = rng.chance(0.03);
  const salary = works ? rng.int(150, 1500) : 0;

  let activityTotal = 0;
  let total = 0;
  const mois: GenRessourcesMensuelles[] = [];
  for (const moisress of months) {
    const details: GenRessourcesMensuelles['details'] = [];
    let hours: string | null = null;
    if (works) {
      // Irregular work: some months without pay.
      const pay = rng.chance(0.85) ? Math.round(salary * (0.8 + rng.next() * 0.4)) : 0;
      activityTotal += pay;
      total += pay;
      details.push({ natress: '001', mtnatressmen: amount(pay), abaneu: null });
      hours = String(Math.min(151, Math.round(pay / 11.65))).padStart(3, '0');
    }
    if (unemploymentBenefit) {
      const benefit = rng.int(250, 900);
      total += benefit;
      details.push({ natress: '010', mtnatressmen: amount(benefit), abaneu: null });
    }
    if (otherBenefit) {
      const benefit = rng.int(150, 700);
      total += benefit;
      details.push({ natress: otherBenefit, mtnatressmen: amount(benefit), abaneu: null });
    }
    if (alimony) {
      const pension = rng.int(80, 300);
      total += pension;
      details.push({ natress: '026', mtnatressmen: amount(pension), abaneu: null });
    }
    if (savings) {
      const interest = rng.int(0, 40);
      total += interest;
      details.push({ natress: '044', mtnatressmen: amount(interest), abaneu: null });
    }
    if (details.length > 0) mois.push({ moisress, nbheumentra: hours ?? (rng.chance(0.5) ? '000' : null), details });
  }
  // TOPRESSNUL=1 (no resources at all) for about half of the adults; a few declare `000` lines.
  const topressnul = mois.length === 0;
  if (topressnul && rng.chance(0.2)) {
    for (const moisress of months) mois.push({ moisress, nbheumentra: '000', details: [{ natress: '000', mtnatressmen: amount(0), abaneu: null }] });
  }

  const activites: GenActivite[] = [];
  const reg = rng.chance(0.97) ? 'GE' : 'AG';
  if (works) {
    const start = maxDate(adultSince, addDays(referenceDate, -rng.int(20, 900)));
    if (rng.chance(0.5)) {
      activites.push({ reg, act: 'CHR', ddact: maxDate(adultSince, addDays(start, -rng.int(60, 1500))), dfact: addDays(start, -1), natcontrtra: null, topcondadmeti: null });
    }
    activites.push({ reg, act: 'SAL', ddact: start, dfact: null, natcontrtra: null, topcondadmeti: null });
  } else {
    const act = unemploymentBenefit ? 'CHR' : rng.weighted(ACT_WITHOUT_JOB);
    activites.push({
      reg: rng.chance(0.9) ? reg : null,
      act,
      ddact: minDate(referenceDate, maxDate(adultSince, addDays(referenceDate, -rng.int(30, 3000)))),
      dfact: null,
      natcontrtra: null,
      topcondadmeti: act === 'ETI' ? rng.chance(0.7) : null,
    });
  }
  const registered = unemploymentBenefit || activites.some((a) => a.act === 'CHR' || a.act === 'CHO' || a.act === 'ASS');
  return {
    ressources: { topressnul, ddress, dfress, mois },
    activites,
    idassedic: rng.chance(registered ? 0.55 : 0.15) ? idassedic(rng) : null,
    activityIncome: activityTotal / 3,
    totalIncome: total / 3,
  };
}

export function isSubjectToDroitsEtDevoirs(profile: EconomicProfile): boolean {
  return profile.activityIncome <= RSA_AMOUNTS.ddThreshold;
}

/** Date somewhere in [from, to] (inclusive), or `to` when the range is empty. */
export function dateBetween(rng: Rng, from: string, to: string): string {
  const a = toDays(from);
  const b = toDays(to);
  return b <= a ? to : fromDays(rng.int(a, b));
}

export function eighteenthBirthday(dtnai: string): string {
  const [y, m, d] = splitDate(dtnai);
  return m === 2 && d === 29 ? isoDate(y + 18, 3, 1) : isoDate(y + 18, m, d);
}
