import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Format byte of sealed NIRs that carry their key id. */
const VERSION = 1;
const IV = 12;
const TAG = 16;
/** A sealed 13-character NIR from before key ids: iv | tag | ciphertext. */
const LEGACY_LENGTH = IV + TAG + 13;
/**
 * IVs are drawn from the CSPRNG 512 at a time: an import seals one NIR per person, and one
 * `randomBytes` call per NIR cost about as much as the cipher itself. Every IV is still fresh random
 * bytes, used once.
 */
const IV_POOL = IV * 512;

export interface NirVaultOptions {
  /** Id of `encryptionKey`, stored with each ciphertext (1-255). */
  keyId?: number;
  /** Earlier encryption keys by id, to decrypt what was sealed before a rotation. */
  previousKeys?: ReadonlyMap<number, Buffer>;
  /** The look-up key before a rotation, to find the digests still to recompute. */
  previousHashKey?: Buffer | null;
}

/**
 * NIR at rest: AES-256-GCM (random 12-byte IV, 16-byte tag), stored as
 * version | key id | iv | tag | ciphertext, so a database dump alone never reveals a NIR and keys
 * can be rotated (NIR_ENCRYPTION_KEY_ID, NIR_PREVIOUS_ENCRYPTION_KEYS, `nir:rotate`). Look-ups go
 * through a keyed HMAC-SHA256 of the 13 significant characters, so equal NIRs can be found without
 * decrypting anything and without a dictionary attack on a plain hash (the NIR space is small).
 */
export class NirVault {
  private readonly keys = new Map<number, Buffer>();
  readonly keyId: number;
  private readonly previousHashKey: Buffer | null;
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(
    encryptionKey: Buffer,
    private readonly hashKey: Buffer,
    options: NirVaultOptions = {},
  ) {
    if (encryptionKey.length !== 32) throw new Error('NIR encryption key must be 32 bytes');
    if (hashKey.length < 32) throw new Error('NIR hash key must be at least 32 bytes');
    this.keyId = options.keyId ?? 1;
    if (!Number.isInteger(this.keyId) || this.keyId < 1 || this.keyId > 255) throw new Error('NIR encryption key id must be 1-255');
    for (const [id, key] of options.previousKeys ?? []) {
      if (key.length !== 32) throw new Error(`previous NIR encryption key ${id} must be 32 bytes`);
      this.keys.set(id, key);
    }
    this.keys.set(this.keyId, encryptionKey);
    this.previousHashKey = options.previousHashKey ?? null;
  }

  encrypt(nir13: string): Buffer {
    return this.seal(Buffer.from(nir13, 'utf8'));
  }

  /**
   * Any personal data at rest beside the NIR (the raw XML kept for replay): the same sealing, so the
   * same keys, key ids and rotation apply.
   */
  sealBytes(plain: Buffer): Buffer {
    return this.seal(plain);
  }

  /** True when sealBytes' output is under the current key (whatever its length, unlike isCurrent). */
  isCurrentBytes(sealed: Buffer): boolean {
    return sealed[0] === VERSION && sealed[1] === this.keyId;
  }

  /** The bytes sealBytes sealed, under whichever configured key sealed them. */
  openBytes(sealed: Buffer): Buffer {
    if (sealed[0] !== VERSION) throw new Error('unknown sealed data format');
    const key = this.keys.get(sealed[1]);
    if (!key) throw new Error(`data sealed with key ${sealed[1]}, which is not configured (NIR_PREVIOUS_ENCRYPTION_KEYS)`);
    return openToBuffer(key, sealed.subarray(2));
  }

  private seal(plain: Buffer): Buffer {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.keyId) as Buffer, iv);
    const update = cipher.update(plain);
    const final = cipher.final();
    const sealed = Buffer.allocUnsafe(2 + IV + TAG + update.length + final.length);
    sealed[0] = VERSION;
    sealed[1] = this.keyId;
    iv.copy(sealed, 2);
    cipher.getAuthTag().copy(sealed, 2 + IV);
    update.copy(sealed, 2 + IV + TAG);
    final.copy(sealed, 2 + IV + TAG + update.length);
    return sealed;
  }

  decrypt(sealed: Buffer): string {
    if (sealed.length === LEGACY_LENGTH) return this.decryptLegacy(sealed);
    if (sealed[0] !== VERSION) throw new Error('unknown sealed NIR format');
    const key = this.keys.get(sealed[1]);
    if (!key) throw new Error(`NIR sealed with key ${sealed[1]}, which is not configured (NIR_PREVIOUS_ENCRYPTION_KEYS)`);
    return open(key, sealed.subarray(2));
  }

  /** The key a ciphertext was sealed with: 0 before key ids existed. */
  keyIdOf(sealed: Buffer): number {
    return sealed.length === LEGACY_LENGTH ? 0 : sealed[1];
  }

  /** True when the ciphertext is sealed with the current key (nothing for `nir:rotate` to do). */
  isCurrent(sealed: Buffer): boolean {
    return this.keyIdOf(sealed) === this.keyId;
  }

  /** Hex HMAC of the 13 significant characters: the look-up key for "same NIR". */
  lookupHash(nir13: string): string {
    return createHmac('sha256', this.hashKey).update(nir13.toUpperCase()).digest('hex');
  }

  /** The digest under the look-up key in use before a rotation, if one is configured. */
  previousLookupHash(nir13: string): string | null {
    return this.previousHashKey ? createHmac('sha256', this.previousHashKey).update(nir13.toUpperCase()).digest('hex') : null;
  }

  private nextIv(): Buffer {
    if (this.ivOffset + IV > this.ivPool.length) {
      this.ivPool = randomBytes(IV_POOL);
      this.ivOffset = 0;
    }
    this.ivOffset += IV;
    return this.ivPool.subarray(this.ivOffset - IV, this.ivOffset);
  }

  /** Before key ids: iv | tag | ciphertext, under whichever configured key opens it. */
  private decryptLegacy(sealed: Buffer): string {
    let failure: unknown;
    for (const key of [this.keys.get(this.keyId) as Buffer, ...this.keys.values()]) {
      try {
        return open(key, sealed);
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }
}

function openToBuffer(key: Buffer, ivTagBody: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, ivTagBody.subarray(0, IV));
  decipher.setAuthTag(ivTagBody.subarray(IV, IV + TAG));
  return Buffer.concat([decipher.update(ivTagBody.subarray(IV + TAG)), decipher.final()]);
}

function open(key: Buffer, ivTagBody: Buffer): string {
  return openToBuffer(key, ivTagBody).toString('utf8');
}
