import { Role } from '@rsa/kernel';
import type { OrganisationData } from '@rsa/access';
import { NORD_COMMUNES } from '../caf-generator/data/nord-communes';

/**
 * The seven Maisons Nord Emploi of the demo and the tests, with the generator's communes, and one
 * professional per role. Fictitious people and structure codes; the territories' real commune
 * lists are loaded by an administrator (PUT /organisation/territories/:id).
 */
const TERRITORIES: { id: string; name: string; communes: string[] }[] = [
  { id: 'lille', name: 'MNE Lille Métropole', communes: ['59350', '59009', '59017', '59410'] },
  { id: 'roubaix-tourcoing', name: 'MNE Roubaix-Tourcoing', communes: ['59512', '59599', '59650', '59279', '59299'] },
  { id: 'flandres', name: 'MNE Flandres', communes: ['59183', '59271', '59295'] },
  { id: 'douaisis', name: 'MNE Douaisis', communes: ['59178', '59569'] },
  { id: 'valenciennois', name: 'MNE Valenciennois', communes: ['59606', '59172'] },
  { id: 'cambresis', name: 'MNE Cambrésis', communes: ['59122'] },
  { id: 'sambre-avesnois', name: 'MNE Sambre-Avesnois', communes: ['59392', '59036', '59249'] },
];

const FROM = '2026-01-01';

export const DEMO_SUBJECTS = {
  referentRoubaix: 'demo.referent.roubaix',
  referentLille: 'demo.referent.lille',
  coordinatorRoubaix: 'demo.coordinator.roubaix',
  projectTeamRoubaix: 'demo.project-team.roubaix',
  ftCounsellorRoubaix: 'demo.ft.roubaix',
  partnerOperator: 'demo.operator.iod',
  administrator: 'demo.admin',
  auditor: 'demo.auditor',
  intakeOperator: 'demo.intake',
  callCentre: 'demo.call-centre',
  dpo: 'demo.dpo',
} as const;

export function demoOrganisation(): OrganisationData {
  const name = (insee: string) => NORD_COMMUNES.find((c) => c.insee === insee)?.name ?? insee;
  const territories = TERRITORIES.map((t) => ({ id: t.id, name: t.name, communes: t.communes.map((insee) => ({ insee, name: name(insee) })) }));
  const structures: OrganisationData['structures'] = [
    { code: 'CD59-DRE', kind: 'departement-service', name: "Direction du retour à l'emploi", territoryId: null },
    ...TERRITORIES.map((t) => ({ code: `MNE-${t.id.toUpperCase()}`, kind: 'maison-nord-emploi' as const, name: t.name, territoryId: t.id })),
    { code: 'FT-ROUBAIX', kind: 'france-travail-agency', name: 'France Travail Roubaix', territoryId: 'roubaix-tourcoing' },
    { code: 'IOD-METROPOLE', kind: 'partner-operator', name: 'Opérateur IOD Métropole (AAP)', territoryId: null },
  ];
  const professionals: OrganisationData['professionals'] = [
    { subject: DEMO_SUBJECTS.referentRoubaix, displayName: 'Référente Roubaix (démo)', habilitations: [{ role: Role.Referent, structureCode: 'MNE-ROUBAIX-TOURCOING', validFrom: FROM }] },
    { subject: DEMO_SUBJECTS.referentLille, displayName: 'Référent Lille (démo)', habilitations: [{ role: Role.Referent, structureCode: 'MNE-LILLE', validFrom: FROM }] },
    {
      subject: DEMO_SUBJECTS.coordinatorRoubaix,
      displayName: 'Coordinatrice MNE Roubaix-Tourcoing (démo)',
      habilitations: [{ role: Role.Coordinator, structureCode: 'MNE-ROUBAIX-TOURCOING', territoryId: 'roubaix-tourcoing', validFrom: FROM }],
    },
    {
      subject: DEMO_SUBJECTS.projectTeamRoubaix,
      displayName: 'Équipe projet Roubaix (démo)',
      habilitations: [{ role: Role.ProjectTeam, structureCode: 'MNE-ROUBAIX-TOURCOING', territoryId: 'roubaix-tourcoing', validFrom: FROM }],
    },
    { subject: DEMO_SUBJECTS.ftCounsellorRoubaix, displayName: 'Conseiller France Travail Roubaix (démo)', habilitations: [{ role: Role.FtCounsellor, structureCode: 'FT-ROUBAIX', validFrom: FROM }] },
    { subject: DEMO_SUBJECTS.partnerOperator, displayName: 'Opératrice IOD (démo)', habilitations: [{ role: Role.PartnerOperator, structureCode: 'IOD-METROPOLE', validFrom: FROM }] },
    { subject: DEMO_SUBJECTS.administrator, displayName: 'Administrateur (démo)', habilitations: [{ role: Role.Administrator, structureCode: 'CD59-DRE', validFrom: FROM }] },
    { subject: DEMO_SUBJECTS.auditor, displayName: 'Auditrice (démo)', habilitations: [{ role: Role.Auditor, structureCode: 'CD59-DRE', validFrom: FROM }] },
    { subject: DEMO_SUBJECTS.intakeOperator, displayName: 'Opérateur des flux CAF (démo)', habilitations: [{ role: Role.IntakeOperator, structureCode: 'CD59-DRE', validFrom: FROM }] },
    { subject: DEMO_SUBJECTS.callCentre, displayName: "Conseillère du centre d'appel (démo)", habilitations: [{ role: Role.CallCentre, structureCode: 'CD59-DRE', validFrom: FROM }] },
    {
      // The data-protection contact who answers access requests: a coordinator of the whole Département with the export permission.
      subject: DEMO_SUBJECTS.dpo,
      displayName: 'Délégué à la protection des données (démo)',
      habilitations: [{ role: Role.Coordinator, structureCode: 'CD59-DRE', validFrom: FROM, extraPermissions: ['beneficiary:export'] }],
    },
  ];
  return { territories, structures, professionals };
}
