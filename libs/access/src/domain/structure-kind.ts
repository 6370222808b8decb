/** The kinds of structure whose professionals use the product (issue "Access control"). */
export const STRUCTURE_KINDS = [
  /** A Département service, e.g. the Direction du retour à l'emploi. */
  'departement-service',
  /** One of the seven Maisons Nord Emploi. */
  'maison-nord-emploi',
  'france-travail-agency',
  'mission-locale',
  'cap-emploi',
  /** An operator of the Département's calls for projects (IOD, IAE structures…). */
  'partner-operator',
] as const;

export type StructureKind = (typeof STRUCTURE_KINDS)[number];
