import type { Notice } from '../../../domain/notice';

/** Who answers access and rectification requests besides the Maison Nord Emploi. */
export const DATA_PROTECTION_OFFICER = 'délégué à la protection des données du Département du Nord (51 rue Gustave Delory, 59047 Lille Cedex)';

/**
 * The short data-protection note of every letter and email (GDPR art. 13): why we write, who sees
 * the data, the rights of access and rectification and whom to ask.
 */
export function dataProtectionNote(notice: Notice): string[] {
  return [
    'Protection de vos données.',
    "Le Département du Nord utilise vos données pour organiser votre accompagnement au titre du RSA (code de l'action sociale et des familles).",
    'Seuls les professionnels qui vous accompagnent y ont accès.',
    'Vous pouvez consulter vos données et les faire corriger.',
    `Adressez-vous à ${notice.territoryName} au ${notice.contact.phone}, ou au ${DATA_PROTECTION_OFFICER}.`,
    'Vous pouvez aussi saisir la CNIL (www.cnil.fr).',
  ];
}
