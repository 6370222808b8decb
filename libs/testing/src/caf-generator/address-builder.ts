import { addDays } from './calendar';
import { STREET_NAMES, STREET_TYPES } from './data/names';
import { NORD_COMMUNES, type NordCommune } from './data/nord-communes';
import { afnor } from './formats';
import type { GenAddress } from './model';
import type { Rng } from './prng';

const COMMUNE_TABLE: readonly (readonly [NordCommune, number])[] = NORD_COMMUNES.map((c) => [c, c.weight]);

function complement(rng: Rng, lastName: string): { complideadr: string; compladr: string } {
  const r = rng.next();
  if (r < 0.1) return { complideadr: `APPARTEMENT ${rng.int(1, 120)}`, compladr: '' };
  if (r < 0.16) return { complideadr: '', compladr: `RESIDENCE LES ${rng.pick(['TERRASSES', 'GLYCINES', 'VERGERS', 'JARDINS', 'PEUPLIERS'])}` };
  if (r < 0.2) return { complideadr: `BAT ${String.fromCharCode(65 + rng.int(0, 5))} ESC ${rng.int(1, 4)}`, compladr: '' };
  // "chez M & Mme X": a real-life `&` that must be escaped in the XML.
  if (r < 0.22) return { complideadr: `CHEZ M & MME ${lastName}`.slice(0, 38), compladr: '' };
  return { complideadr: '', compladr: '' };
}

/**
 * Address history (RGADR 01 = current): fake street and number, real Nord commune. One address for
 * 80 % of foyers, two for 15 %, three for 5 %. A homeless foyer (TOPSANSDOMFIXE=1) is domiciled at
 * the CCAS of its commune.
 */
export function makeAddresses(rng: Rng, referenceDate: string, lastName: string, sansDomicileFixe: boolean): GenAddress[] {
  const count = rng.weighted<number>([[1, 80], [2, 15], [3, 5]]);
  const addresses: GenAddress[] = [];
  let movedIn = addDays(referenceDate, -rng.int(10, 3000));
  const current = rng.weighted(COMMUNE_TABLE);
  for (let i = 0; i < count; i++) {
    // Most moves stay in the same commune.
    const commune = i === 0 || rng.chance(0.6) ? current : rng.weighted(COMMUNE_TABLE);
    const homeless = sansDomicileFixe && i === 0;
    const { complideadr, compladr } = homeless ? { complideadr: 'CCAS', compladr: 'ELECTION DE DOMICILE' } : complement(rng, lastName);
    addresses.push({
      rgadr: String(i + 1).padStart(2, '0'),
      dtemm: rng.chance(0.9) ? movedIn : null,
      pays: 'FRA',
      typeadr: homeless ? 'P' : rng.chance(0.97) ? 'D' : 'P',
      etatadr: rng.weighted<string>([['CO', 85], ['NC', 10], ['VO', 3], ['AU', 2]]),
      complideadr,
      compladr,
      numvoie: homeless ? String(rng.int(1, 40)) : `${rng.int(1, 250)}${rng.chance(0.04) ? ' B' : ''}`,
      libtypevoie: homeless ? 'PLACE' : rng.weighted(STREET_TYPES),
      nomvoie: homeless ? "DE L'HOTEL DE VILLE" : rng.pick(STREET_NAMES),
      lieudist: '',
      numcom: commune.insee,
      codepos: commune.postcode,
      nomcom: afnor(commune.name),
    });
    movedIn = addDays(movedIn, -rng.int(200, 2500));
  }
  return addresses;
}
