import { randomBytes } from 'node:crypto';
import { NirVault } from './nir-vault';

describe('NirVault', () => {
  const vault = new NirVault(randomBytes(32), randomBytes(32));

  it('round-trips a NIR and never stores it in clear', () => {
    const sealed = vault.encrypt('1880459000123');
    expect(sealed.toString('latin1')).not.toContain('1880459000123');
    expect(vault.decrypt(sealed)).toBe('1880459000123');
  });

  it('uses a fresh IV each time, so equal NIRs do not give equal ciphertexts', () => {
    expect(vault.encrypt('1880459000123').equals(vault.encrypt('1880459000123'))).toBe(false);
  });

  it('gives a stable keyed look-up hash that depends on the key', () => {
    expect(vault.lookupHash('1880459000123')).toBe(vault.lookupHash('1880459000123'));
    expect(new NirVault(randomBytes(32), randomBytes(32)).lookupHash('1880459000123')).not.toBe(vault.lookupHash('1880459000123'));
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = vault.encrypt('1880459000123');
    sealed[sealed.length - 1] ^= 1;
    expect(() => vault.decrypt(sealed)).toThrow();
  });

  it('refuses short keys', () => {
    expect(() => new NirVault(randomBytes(16), randomBytes(32))).toThrow(/32 bytes/);
  });
});
