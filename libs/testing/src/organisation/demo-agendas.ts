import type { Actor } from '@rsa/kernel';
import type { AgendaCommands } from '@rsa/convocation';
import { addDays, addWorkingDays } from '@rsa/kernel';

/**
 * One place per demo territory, with an individual co-diagnostic agenda (one France Travail
 * counsellor and one Département social worker) and a collective information session, and their
 * slots for the next four weeks. Phone numbers are in the range ARCEP keeps for fiction (03 53 48).
 */
const PLACES: { territoryId: string; name: string; street: string; postcode: string; city: string; phone: string }[] = [
  { territoryId: 'lille', name: 'Maison Nord Emploi Lille Métropole', street: '2 rue Jacquemars Giélée', postcode: '59000', city: 'Lille', phone: '03 53 48 10 01' },
  { territoryId: 'roubaix-tourcoing', name: 'Maison Nord Emploi Roubaix-Tourcoing', street: '10 boulevard du Général Leclerc', postcode: '59100', city: 'Roubaix', phone: '03 53 48 10 02' },
  { territoryId: 'flandres', name: 'Maison Nord Emploi des Flandres', street: '5 place Jean Bart', postcode: '59140', city: 'Dunkerque', phone: '03 53 48 10 03' },
  { territoryId: 'douaisis', name: 'Maison Nord Emploi du Douaisis', street: '1 rue de la Mairie', postcode: '59500', city: 'Douai', phone: '03 53 48 10 04' },
  { territoryId: 'valenciennois', name: 'Maison Nord Emploi du Valenciennois', street: '3 avenue de Denain', postcode: '59300', city: 'Valenciennes', phone: '03 53 48 10 05' },
  { territoryId: 'cambresis', name: 'Maison Nord Emploi du Cambrésis', street: '7 rue de Noyon', postcode: '59400', city: 'Cambrai', phone: '03 53 48 10 06' },
  { territoryId: 'sambre-avesnois', name: 'Maison Nord Emploi Sambre-Avesnois', street: '4 rue du Commerce', postcode: '59600', city: 'Maubeuge', phone: '03 53 48 10 07' },
];

/** Each demo territory's place, by name. */
export const DEMO_PLACE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(PLACES.map((p) => [p.territoryId, p.name]));

const WEEKDAYS = [1, 2, 3, 4, 5];

export interface DemoAgendaResult {
  places: number;
  slots: number;
}

/**
 * Places, agendas and four weeks of slots from `today`; places already there (by name) are kept.
 * Each place is run by its territory's Maison Nord Emploi (`structureOf`): its referents see the
 * day's sheet and record attendance there.
 */
export async function seedDemoAgendas(
  agenda: AgendaCommands,
  actor: Actor,
  today: string,
  existing: (territoryId: string) => Promise<string[]>,
  structureOf: (territoryId: string) => string | null,
): Promise<DemoAgendaResult> {
  let places = 0;
  let slots = 0;
  for (const p of PLACES) {
    const known = await existing(p.territoryId);
    if (known.includes(p.name)) continue;
    const place = await agenda.createPlace(actor, {
      territoryId: p.territoryId,
      structureId: structureOf(p.territoryId),
      name: p.name,
      addressLines: [p.street],
      postcode: p.postcode,
      city: p.city,
      accessInformation: 'Accès de plain-pied. Arrêt de bus à 100 m.',
      contactPhone: p.phone,
      contactHours: 'du lundi au vendredi, de 9 h à 17 h',
      openingHours: WEEKDAYS.flatMap((weekday) => [
        { weekday, from: '08:30', to: '12:30' },
        { weekday, from: '13:30', to: '17:00' },
      ]),
    });
    places++;
    const codiagnostic = await agenda.createAgenda(actor, place.id, {
      name: "Co-diagnostic d'orientation",
      kind: 'orientation',
      reception: 'individual',
      durationMinutes: 60,
      capacity: 1,
      expectedRoles: ['ft_counsellor', 'referent'],
    });
    const collective = await agenda.createAgenda(actor, place.id, {
      name: "Réunion d'information et d'orientation",
      kind: 'orientation',
      reception: 'collective',
      durationMinutes: 120,
      capacity: 12,
      expectedRoles: ['ft_counsellor', 'referent'],
    });
    const from = addWorkingDays(today, 1);
    const to = addDays(today, 28);
    slots += (await agenda.generateSlots(actor, codiagnostic.id, { from, to, times: ['09:00', '10:15', '11:30', '14:00', '15:15'] })).created;
    slots += (await agenda.generateSlots(actor, collective.id, { from, to, times: ['09:30', '14:30'] })).created;
  }
  return { places, slots };
}
