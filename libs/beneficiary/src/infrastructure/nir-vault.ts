import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * NIR at rest: AES-256-GCM (random 12-byte IV, 16-byte tag, stored as iv|tag|ciphertext) so a
 * database dump alone never reveals a NIR; look-ups go through a keyed HMAC-SHA256 of the 13
 * significant characters, so equal NIRs can be found without decrypting anything and without a
 * dictionary attack on a plain hash (the NIR space is small enough to enumerate).
 */
export class NirVault {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(encryptionKey: Buffer, hashKey: Buffer) {
    if (encryptionKey.length !== 32) throw new Error('NIR encryption key must be 32 bytes');
    if (hashKey.length < 32) throw new Error('NIR hash key must be at least 32 bytes');
    this.encryptionKey = encryptionKey;
    this.hashKey = hashKey;
  }

  encrypt(nir13: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(nir13, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Hex HMAC of the 13 significant characters: the look-up key for "same NIR". */
  lookupHash(nir13: string): string {
    return createHmac('sha256', this.hashKey).update(nir13.toUpperCase()).digest('hex');
  }
}
