/**
 * Real communes of the Nord (59): INSEE code, postcode, official name. Only codes checked against
 * public sources are listed (INSEE codes from the COG as printed in décret 2014-758, annexe 1;
 * postcodes from La Poste usage). Lens and Arras are Pas-de-Calais (62) and must not appear here.
 *
 * `weight` is the share of RSA households placed in the commune: Roubaix, Tourcoing, Dunkerque,
 * Maubeuge and Denain use the BRSA counts of the Département's 2024 deliberation (DOMAIN.md §1);
 * the others are estimates scaled on population. Tunables, not facts tests may rely on.
 */
export interface NordCommune {
  insee: string;
  postcode: string;
  name: string;
  weight: number;
}

export const NORD_COMMUNES: readonly NordCommune[] = [
  { insee: '59350', postcode: '59000', name: 'Lille', weight: 15000 },
  { insee: '59512', postcode: '59100', name: 'Roubaix', weight: 9993 },
  { insee: '59599', postcode: '59200', name: 'Tourcoing', weight: 6109 },
  { insee: '59183', postcode: '59140', name: 'Dunkerque', weight: 2976 },
  { insee: '59392', postcode: '59600', name: 'Maubeuge', weight: 2099 },
  { insee: '59172', postcode: '59220', name: 'Denain', weight: 2085 },
  { insee: '59606', postcode: '59300', name: 'Valenciennes', weight: 3800 },
  { insee: '59178', postcode: '59500', name: 'Douai', weight: 2600 },
  { insee: '59122', postcode: '59400', name: 'Cambrai', weight: 1900 },
  { insee: '59009', postcode: '59650', name: "Villeneuve-d'Ascq", weight: 2400 },
  { insee: '59650', postcode: '59150', name: 'Wattrelos', weight: 2200 },
  { insee: '59017', postcode: '59280', name: 'Armentières', weight: 1200 },
  { insee: '59295', postcode: '59190', name: 'Hazebrouck', weight: 800 },
  { insee: '59036', postcode: '59440', name: 'Avesnes-sur-Helpe', weight: 350 },
  { insee: '59249', postcode: '59610', name: 'Fourmies', weight: 900 },
  { insee: '59271', postcode: '59760', name: 'Grande-Synthe', weight: 1500 },
  { insee: '59279', postcode: '59250', name: 'Halluin', weight: 800 },
  { insee: '59299', postcode: '59510', name: 'Hem', weight: 900 },
  { insee: '59410', postcode: '59370', name: 'Mons-en-Barœul', weight: 900 },
  { insee: '59569', postcode: '59450', name: 'Sin-le-Noble', weight: 800 },
];
