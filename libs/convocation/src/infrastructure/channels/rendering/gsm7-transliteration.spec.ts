import { isGsm7 } from '@rsa/kernel';
import { toGsm7 } from './gsm7-transliteration';

describe('toGsm7', () => {
  it('keeps the accented letters GSM-7 has', () => {
    expect(toGsm7('à été où Élise')).toBe('à été où Élise');
  });

  it('transliterates what GSM-7 lacks', () => {
    expect(toGsm7('Ça reçoit, forêt, maïs, cœur, Œuvre, À')).toBe('Ça recoit, foret, mais, coeur, OEuvre, A');
    expect(toGsm7('l’adresse « ici » – là… n°3')).toBe('l\'adresse "ici" - là... no3');
    expect(toGsm7('Łukasz')).toBe('Lukasz');
    expect(toGsm7('9\u00a0h\u202f30')).toBe('9 h 30');
  });

  it('handles decomposed input and leaves nothing outside the alphabet', () => {
    expect(toGsm7('fe\u0302te')).toBe('fete');
    const out = toGsm7('Zoë 😀 東 ÿ');
    expect(out).toBe('Zoe ? ? y');
    expect(isGsm7(out)).toBe(true);
  });
});
