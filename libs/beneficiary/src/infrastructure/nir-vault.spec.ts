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

  it('never reuses an IV, across refills of its pool of random bytes', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const sealed = vault.encrypt('1880459000123');
      ivs.add(sealed.subarray(2, 14).toString('hex'));
      expect(vault.decrypt(sealed)).toBe('1880459000123');
    }
    expect(ivs.size).toBe(2000);
  });

  it('seals any bytes the same way, opens them under an earlier key after a rotation, and refuses them tampered', () => {
    const oldKey = randomBytes(32);
    const before = new NirVault(oldKey, randomBytes(32), { keyId: 1 });
    const xml = Buffer.from('<InfosFoyerRSA><NIR>1880459000123</NIR></InfosFoyerRSA>');
    const sealed = before.sealBytes(xml);
    expect(sealed.includes(Buffer.from('1880459000123'))).toBe(false);
    expect(before.openBytes(sealed).equals(xml)).toBe(true);
    const after = new NirVault(randomBytes(32), randomBytes(32), { keyId: 2, previousKeys: new Map([[1, oldKey]]) });
    expect(after.isCurrent(sealed)).toBe(false);
    expect(after.openBytes(sealed).equals(xml)).toBe(true);
    expect(after.isCurrent(after.sealBytes(xml))).toBe(true);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => before.openBytes(tampered)).toThrow();
    expect(() => new NirVault(randomBytes(32), randomBytes(32), { keyId: 3 }).openBytes(sealed)).toThrow(/key 1, which is not configured/);
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

describe('NirVault key rotation', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const hashKey = randomBytes(32);

  it('stores the key id with the ciphertext and decrypts with an earlier key after a rotation', () => {
    const before = new NirVault(oldKey, hashKey, { keyId: 1 });
    const sealed = before.encrypt('2850559350123');
    expect(before.keyIdOf(sealed)).toBe(1);
    const after = new NirVault(newKey, hashKey, { keyId: 2, previousKeys: new Map([[1, oldKey]]) });
    expect(after.isCurrent(sealed)).toBe(false);
    expect(after.decrypt(sealed)).toBe('2850559350123');
    const resealed = after.encrypt(after.decrypt(sealed));
    expect(after.isCurrent(resealed)).toBe(true);
    expect(after.keyIdOf(resealed)).toBe(2);
  });

  it('says which key is missing when a ciphertext was sealed with a key no longer configured', () => {
    const sealed = new NirVault(oldKey, hashKey, { keyId: 1 }).encrypt('2850559350123');
    expect(() => new NirVault(newKey, hashKey, { keyId: 2 }).decrypt(sealed)).toThrow(/key 1, which is not configured/);
  });

  it('still opens ciphertexts sealed before key ids existed (iv | tag | body)', () => {
    const legacy = new NirVault(oldKey, hashKey).encrypt('1880459000123').subarray(2);
    const vault = new NirVault(newKey, hashKey, { keyId: 2, previousKeys: new Map([[1, oldKey]]) });
    expect(vault.keyIdOf(legacy)).toBe(0);
    expect(vault.decrypt(legacy)).toBe('1880459000123');
  });

  it('computes the digest under the previous look-up key for the re-hash', () => {
    const previousHashKey = randomBytes(32);
    const vault = new NirVault(newKey, hashKey, { previousHashKey });
    expect(vault.previousLookupHash('1880459000123')).toBe(new NirVault(newKey, previousHashKey).lookupHash('1880459000123'));
    expect(new NirVault(newKey, hashKey).previousLookupHash('1880459000123')).toBeNull();
  });
});
