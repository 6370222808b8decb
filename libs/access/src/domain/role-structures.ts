import { Role } from '@rsa/kernel';
import type { StructureKind } from './structure-kind';

/**
 * Which structures a role's habilitation may belong to: a France Travail counsellor works in a
 * France Travail agency, a partner operator in a partner structure, the Département's own roles in
 * the Département's services or Maisons Nord Emploi.
 */
export const ROLE_STRUCTURES: Readonly<Record<Role, readonly StructureKind[]>> = {
  [Role.Referent]: ['maison-nord-emploi', 'departement-service', 'partner-operator', 'mission-locale', 'cap-emploi'],
  [Role.Coordinator]: ['maison-nord-emploi', 'departement-service'],
  [Role.ProjectTeam]: ['maison-nord-emploi', 'departement-service'],
  [Role.FtCounsellor]: ['france-travail-agency'],
  [Role.PartnerOperator]: ['partner-operator', 'mission-locale', 'cap-emploi'],
  [Role.Administrator]: ['departement-service'],
  [Role.Auditor]: ['departement-service'],
  [Role.IntakeOperator]: ['departement-service'],
  [Role.CallCentre]: ['departement-service'],
};
