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
    ['a child', { roleRsa: 'ENF' }, {}, 'not-dem-or-cjt', null],
    ['a person not subject to droits et devoirs', { toppersdrodevorsa: false }, {}, 'not-subject-to-rights-and-duties', null],
    ['a person without the D&D block', { toppersdrodevorsa: null }, {}, 'not-subject-to-rights-and-duties', null],
    ['a closed right', {}, { etatdosrsa: '5' }, 'right-not-open', null],
    ['a refused right', {}, { etatdosrsa: '1' }, 'right-not-open', null],
    ['a pending demand', {}, { etatdosrsa: '0' }, 'right-not-open', null],
    ['someone who left the foyer', { dfratdos: '2026-11-01' }, {}, 'left-household', null],
    ['a dossier moving to another CAF', {}, { organismePrenant: { FONORGPRENMUT: 'CAF', DDDEPAMUT: '2026-11-15' } }, 'moved-away', null],
    [
      'a hospitalised person',
      {},
      { etatdosrsa: '4', suspensionsVersement: [{ motisusversrsa: '44', ddsusversrsa: '2026-10-01' }] },
      'hospitalised',
      null,
    ],
    ['someone in work', { activites: [{ ACT: 'SAL', DDACT: '2026-09-01' }] }, {}, 'in-employment', null],
    ['a student', { activites: [{ ACT: 'ETU', DDACT: '2026-09-01' }] }, {}, 'in-training', null],
    ['someone on sick leave', { activites: [{ ACT: 'MAL', DDACT: '2026-11-01', DFACT: '2026-12-31' }] }, {}, 'on-sick-leave', '2027-01-01'],
    ['someone excluded by the PCD', { avisPcgPersonne: { ExclueRSA: { EXCL: 'O', DDEXCL: '2026-10-01' } } }, {}, 'excluded-by-pcd', null],
    ['someone excluded by the PCD until a date', { avisPcgPersonne: { ExclueRSA: { EXCL: 'O', DDEXCL: '2026-10-01', DFEXCL: '2026-11-30' } } }, {}, 'excluded-by-pcd', '2026-12-01'],
  ])('keeps out %s', (_label, personOverrides, householdOverrides, reason, recheckOn) => {
    const person = aCafPerson(personOverrides as never);
    expect(decideEntry(aCafHousehold({ ...(householdOverrides as object), persons: [person] }), person, on)).toEqual({ enters: false, reason, recheckOn });
  });

  it('decides again from the day a bounded exclusion ends: the person enters then', () => {
    const person = aCafPerson({ activites: [{ ACT: 'SAL', DDACT: '2026-01-01', DFACT: '2026-11-25' }] });
    const household = aCafHousehold({ persons: [person] });
    const first = decideEntry(household, person, on);
    expect(first).toEqual({ enters: false, reason: 'in-employment', recheckOn: '2026-11-26' });
    expect(decideEntry(household, person, '2026-11-25')).toMatchObject({ enters: false });
    expect(decideEntry(household, person, '2026-11-26')).toEqual({ enters: true });
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
