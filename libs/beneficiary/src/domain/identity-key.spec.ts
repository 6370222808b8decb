import { identityKey, normaliseName } from './identity-key';

describe('identity key', () => {
  it('ignores accents, case, spaces and punctuation', () => {
    expect(normaliseName("Lefèvre-d'Arc ")).toBe('LEFEVREDARC');
    expect(normaliseName('CŒUR')).toBe('COEUR');
  });

  it('keys on birth name, first name, birth date and rank (rank 1 by default)', () => {
    const a = identityKey({ nomnai: 'DUVAL', prenom: 'Amélie', dtnai: '1988-04-02', rgnai: null });
    const b = identityKey({ nomnai: 'duval', prenom: 'AMELIE', dtnai: '1988-04-02', rgnai: '1' });
    expect(a).toBe(b);
    expect(identityKey({ nomnai: 'DUVAL', prenom: 'AMELIE', dtnai: '1988-04-02', rgnai: '2' })).not.toBe(a);
  });

  it('falls back to the usual name when the birth name is empty', () => {
    expect(identityKey({ nomnai: '', nom: 'MARTIN', prenom: 'LEA', dtnai: '1990-01-01', rgnai: null })).toBe('MARTIN|LEA|1990-01-01|1');
  });
});
