import { addDays, addMonths, firstOfMonth, lastOfMonth, maxDate, minDate, yearsBetween } from './calendar';
import { MOTICLORSA, MOTIREFURSA, MOTISUSDRORSA, MOTISUSVERSRSA, OTHER_NUMORG, RSA_AMOUNTS } from './distributions';
import { amount } from './formats';
import type { GenHousehold } from './model';
import type { Rng } from './prng';

/** States in which the right is open (the accompaniment path applies, §5.1). */
export const OPEN_STATES: ReadonlySet<string> = new Set(['2', '3', '4']);

/**
 * Companion blocks of ETATDOSRSA (§5.1): Refus for 1, SuspensionDroit for 3, SuspensionVersement
 * for 4, FinDroit for 5, FinDroitMoisAnterieur for 6. A closure for mutation also carries the
 * OrganismePrenant block (outgoing mutation).
 */
export function applyRightState(rng: Rng, h: GenHousehold, referenceDate: string, forcedClosure?: string): void {
  const refMonth = firstOfMonth(referenceDate);
  clearRightReasons(h);
  switch (h.etatdosrsa) {
    case '1':
      h.refus = { dtrefursa: maxDate(h.demandeRsa.dtdemrsa, addDays(referenceDate, -rng.int(0, 25))), motirefursa: rng.weighted(MOTIREFURSA) };
      break;
    case '3':
      h.suspensionsDroit.push({
        motisusdrorsa: rng.weighted(MOTISUSDRORSA),
        ddsusdrorsa: addMonths(refMonth, -rng.int(0, 5)),
        natgroupfsus: rng.chance(0.7) ? 'RSA' : null,
      });
      break;
    case '4':
      h.suspensionsVersement.push({ motisusversrsa: rng.weighted(MOTISUSVERSRSA), ddsusversrsa: addMonths(refMonth, -rng.int(0, 5)) });
      break;
    case '5': {
      const motif = forcedClosure ?? rng.weighted(MOTICLORSA);
      const dtclorsa = motif === 'MUT' ? lastOfMonth(referenceDate) : lastOfMonth(addMonths(refMonth, -rng.int(0, 2)));
      h.finDroit = { moticlorsa: motif, dtclorsa };
      if (motif === 'MUT') {
        h.organismePrenant = {
          fonorgprenmut: 'CAF',
          numorgprenmut: rng.pick(OTHER_NUMORG),
          dddepamut: addDays(refMonth, rng.int(0, Math.max(0, Number(referenceDate.slice(8, 10)) - 1))),
        };
      }
      break;
    }
    case '6':
      h.finDroitMoisAnterieur = {
        moticlorsa: rng.weighted(MOTICLORSA.filter(([m]) => m !== 'MUT')),
        dtclorsa: lastOfMonth(addMonths(refMonth, -rng.int(3, 14))),
      };
      break;
    default:
      break;
  }
}

/**
 * MontantsCalculDroitRSA and DetailCalculDroitRSA (§14.3, approximate RSA rules): montant
 * forfaitaire × (1, +50 % for the 2nd person, +30 % per extra dependant, +40 % from the 3rd child)
 * minus the housing forfait, then the right = max(0, guaranteed − resources).
 */
export function applyAmounts(
  rng: Rng,
  h: GenHousehold,
  referenceDate: string,
  foyerIncome: number,
  options: { majore: boolean; under25WithChild: boolean },
): void {
  h.montantsCalculDroit = null;
  h.detailsCalculDroit = [];
  const open = OPEN_STATES.has(h.etatdosrsa);
  const withCalc = open ? rng.chance(0.92) : (h.etatdosrsa === '5' || h.etatdosrsa === '6') && rng.chance(0.3);
  if (!withCalc) return;

  const members = h.persons.filter((p) => p.dfratdos === null);
  const adults = members.filter((p) => ['DEM', 'CJT'].includes(p.prestations[1].rolepers)).length;
  const dependants = members.length - adults;
  let coefficient = 1;
  for (let k = 2; k <= adults + dependants; k++) {
    const childRank = k - adults;
    coefficient += k === 2 ? RSA_AMOUNTS.secondPerson : childRank >= 3 ? RSA_AMOUNTS.fromThirdChild : RSA_AMOUNTS.extraDependant;
  }
  if (options.majore) coefficient = 1.28412 + 0.42804 * Math.max(1, dependants);
  const housing = RSA_AMOUNTS.housing[Math.min(members.length, 3) - 1];
  const guaranteed = RSA_AMOUNTS.base * coefficient;
  const minimum = guaranteed - housing;
  const total = Math.max(0, minimum - foyerIncome);
  const refMonth = firstOfMonth(referenceDate);
  h.montantsCalculDroit = {
    ddelecal: refMonth,
    dfelecal: lastOfMonth(referenceDate),
    mtrevminigararsa: amount(minimum),
    mtpentrsa: null,
    mtlocalrsa: null,
    mtrevgararsa: amount(guaranteed),
    mtpfrsa: null,
    mtalrsa: rng.chance(0.6) ? amount(housing) : null,
    mtressmenrsa: amount(foyerIncome),
    mtsanoblalimrsa: null,
    mtredhosrsa: null,
    mtredcgrsa: null,
    mtcumintegrsa: null,
    mtabaneursa: null,
    mttotdrorsa: amount(total),
  };
  const natpf = options.majore ? 'RSI' : 'RSD';
  const sousnatpf = options.majore ? 'RSIN1' : options.under25WithChild ? 'RSDN1' : 'RSDN2';
  const paid = h.etatdosrsa === '2' || h.etatdosrsa === '3';
  h.detailsCalculDroit.push({
    natpf,
    sousnatpf,
    ddnatdro: minDate(refMonth, maxDate(firstOfMonth(h.demandeRsa.dtdemrsa), '2009-06-01')),
    dfnatdro: h.finDroit ? h.finDroit.dtclorsa : h.finDroitMoisAnterieur ? h.finDroitMoisAnterieur.dtclorsa : null,
    mtrsavers: paid ? amount(total) : null,
    dtderrsavers: paid ? addDays(refMonth, 4) : null,
  });
}

/** RSDN1 applies to people under 25 with a child or a pregnancy. */
export function isUnder25(dtnai: string, referenceDate: string): boolean {
  return yearsBetween(dtnai, referenceDate) < 25;
}

/** Removes the blocks that accompany a right state (ETATDOSRSA companions, CAF-FORMAT §4) and any outgoing mutation. */
export function clearRightReasons(h: GenHousehold): void {
  h.refus = null;
  h.suspensionsDroit = [];
  h.suspensionsVersement = [];
  h.finDroit = null;
  h.finDroitMoisAnterieur = null;
  h.organismePrenant = null;
}
