import { aCafHousehold, aCafPerson } from '@rsa/testing';
import { decideEntry } from './entry-rule';

const on = '2026-11-20';

describe('decideEntry (DOMAIN.md §2, L2491)', () => {
  it('lets in a demandeur or conjoint subject to droits et devoirs with an open right (2, 3 or 4)', () => {
    for (const etat of ['2', '3', '4']) {
      const person = aCafPerson();
      expect(decideEntry(aCafHousehold({ etatdosrsa: etat, persons: [person] }), person, on)).toEqual({ enters: true });
    }
    const cjt = aCafPerson({ roleRsa: 'CJT' });
    expect(decideEntry(aCafHousehold({ persons: [cjt] }), cjt, on)).toEqual({ enters: true });
  });

  it.each([
    ['a child', { roleRsa: 'ENF' }, {}, 'not-dem-or-cjt'],
    ['a person not subject to droits et devoirs', { toppersdrodevorsa: false }, {}, 'not-subject-to-rights-and-duties'],
    ['a person without the D&D block', { toppersdrodevorsa: null }, {}, 'not-subject-to-rights-and-duties'],
    ['a closed right', {}, { etatdosrsa: '5' }, 'right-not-open'],
    ['a refused right', {}, { etatdosrsa: '1' }, 'right-not-open'],
    ['a pending demand', {}, { etatdosrsa: '0' }, 'right-not-open'],
    ['someone who left the foyer', { dfratdos: '2026-11-01' }, {}, 'left-household'],
    ['a dossier moving to another CAF', {}, { organismePrenant: { FONORGPRENMUT: 'CAF', DDDEPAMUT: '2026-11-15' } }, 'moved-away'],
    [
      'a hospitalised person',
      {},
      { etatdosrsa: '4', suspensionsVersement: [{ motisusversrsa: '44', ddsusversrsa: '2026-10-01' }] },
      'hospitalised',
    ],
    ['someone in work', { activites: [{ ACT: 'SAL', DDACT: '2026-09-01' }] }, {}, 'in-employment'],
    ['a student', { activites: [{ ACT: 'ETU', DDACT: '2026-09-01' }] }, {}, 'in-training'],
    ['someone on sick leave', { activites: [{ ACT: 'MAL', DDACT: '2026-11-01', DFACT: '2026-12-31' }] }, {}, 'on-sick-leave'],
    ['someone excluded by the PCD', { avisPcgPersonne: { ExclueRSA: { EXCL: 'O', DDEXCL: '2026-10-01' } } }, {}, 'excluded-by-pcd'],
  ])('keeps out %s', (_label, personOverrides, householdOverrides, reason) => {
    const person = aCafPerson(personOverrides as never);
    expect(decideEntry(aCafHousehold({ ...(householdOverrides as object), persons: [person] }), person, on)).toEqual({ enters: false, reason });
  });

  it('ignores activities and exclusions that ended before the file date', () => {
    const person = aCafPerson({
      activites: [{ ACT: 'SAL', DDACT: '2025-01-01', DFACT: '2026-06-30' }],
      avisPcgPersonne: { ExclueRSA: { EXCL: 'O', DDEXCL: '2025-01-01', DFEXCL: '2025-12-31' } },
    });
    expect(decideEntry(aCafHousehold({ persons: [person] }), person, on)).toEqual({ enters: true });
  });

  it('still lets in someone whose departure date is in the future', () => {
    const person = aCafPerson({ dfratdos: '2026-12-31' });
    expect(decideEntry(aCafHousehold({ persons: [person] }), person, on)).toEqual({ enters: true });
  });

  it('does not treat a payment suspension for another reason as hospitalisation', () => {
    const person = aCafPerson();
    const household = aCafHousehold({ etatdosrsa: '4', suspensionsVersement: [{ motisusversrsa: '06', ddsusversrsa: '2026-10-01' }], persons: [person] });
    expect(decideEntry(household, person, on)).toEqual({ enters: true });
  });
});
