/**
 * The three dominantes of accompaniment (DOMAIN.md §5, L3161-3222). Codes are the product's; the
 * France Travail parcours codes and CASF categories they map to are configuration (per département).
 */
export const DOMINANTES = ['emploi', 'equilibre', 'remobilisation'] as const;
export type Dominante = (typeof DOMINANTES)[number];

export const DOMINANTE_LABEL: Record<Dominante, string> = {
  emploi: 'Emploi',
  equilibre: 'Équilibre',
  remobilisation: 'Remobilisation',
};

/** Contract periods in months by dominante (DOMAIN.md §5): first period, then renewal. */
export const CONTRACT_MONTHS: Record<Dominante, { first: number; renewal: number }> = {
  emploi: { first: 3, renewal: 3 },
  equilibre: { first: 6, renewal: 3 },
  remobilisation: { first: 6, renewal: 6 },
};

/** Portfolio capacity per referent by dominante (DOMAIN.md §6: 60 / 70 / 60; Tourcoing 50 for all). */
export const DEFAULT_PORTFOLIO_CAPACITY: Record<Dominante, number> = { emploi: 60, equilibre: 70, remobilisation: 60 };

/** Default mapping to France Travail's parcours (PPAE "parcours" codes) and CASF categories. */
export const DEFAULT_DOMINANTE_CODES: Record<Dominante, { franceTravailParcours: string; casfCategory: string }> = {
  emploi: { franceTravailParcours: 'PRO', casfCategory: 'professionnel' },
  equilibre: { franceTravailParcours: 'SOCIOPRO', casfCategory: 'socio-professionnel' },
  remobilisation: { franceTravailParcours: 'SOCIAL', casfCategory: 'social' },
};

/** A mix of dominantes, in percent. */
export type Mix = Record<Dominante, number>;

/**
 * The experiment's target mixes (DOMAIN.md §4, L2511) by the Maison Nord Emploi that covers the town:
 * Roubaix, Dunkerque (Flandres), Denain (Valenciennois), Maubeuge (Sambre-Avesnois). Territories
 * set or change theirs; one without a target is simulated without a comparison.
 */
export const DEFAULT_TARGET_MIXES: Readonly<Record<string, Mix>> = {
  'roubaix-tourcoing': { emploi: 50, equilibre: 30, remobilisation: 20 },
  flandres: { emploi: 60, equilibre: 20, remobilisation: 20 },
  valenciennois: { emploi: 50, equilibre: 30, remobilisation: 20 },
  'sambre-avesnois': { emploi: 50, equilibre: 25, remobilisation: 25 },
};
