import { dossierTransitions, enteredRightsAndDuties } from './rights-transition';

describe('dossierTransitions', () => {
  it.each([
    [null, '2', ['right-opened']],
    [null, '4', ['right-opened', 'right-suspended']],
    [null, '5', []],
    ['0', '2', ['right-opened']],
    ['2', '4', ['right-suspended']],
    ['4', '3', []],
    ['4', '2', ['right-resumed']],
    ['3', '2', ['right-resumed']],
    ['5', '2', ['right-opened']],
    ['2', '5', ['right-closed']],
    ['5', '6', []],
    ['0', '1', ['right-refused']],
    ['2', '2', []],
  ])('%s -> %s gives %j', (before, after, expected) => {
    expect(dossierTransitions(before, after)).toEqual(expected);
  });
});

describe('enteredRightsAndDuties', () => {
  it('is true on the first sight of a subject person and when the flag turns on', () => {
    expect(enteredRightsAndDuties(undefined, true)).toBe(true);
    expect(enteredRightsAndDuties(false, true)).toBe(true);
    expect(enteredRightsAndDuties(null, true)).toBe(true);
  });
  it('is false when the flag was already on or is off', () => {
    expect(enteredRightsAndDuties(true, true)).toBe(false);
    expect(enteredRightsAndDuties(true, false)).toBe(false);
    expect(enteredRightsAndDuties(undefined, null)).toBe(false);
  });
});
