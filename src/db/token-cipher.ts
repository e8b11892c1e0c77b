import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Tokens at rest: AES-256-GCM with a random 96-bit nonce per write (docs/installations.md#tokens-at-rest). An
 * envelope names the key that sealed it, so keys can rotate: new writes use the current key, rows written under a
 * previous key stay readable while that key is configured, and `reencrypt-installations` moves them to the current
 * one. The additional data binds each envelope to its row and column: a ciphertext copied onto another workspace's
 * row does not decrypt. Errors name the key id and the row, never a token or a key.
 */

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A key's public name: the first 12 hex digits of its SHA-256 (saying nothing usable about the key itself). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export class TokenDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenDecryptError';
  }
}

export interface TokenCipher {
  /** The id of the key new writes use. */
  readonly currentKeyId: string;
  encrypt(plaintext: string, context: string): string;
  /** Throws TokenDecryptError when the key is not configured or the envelope does not authenticate under it. */
  decrypt(envelope: string, context: string): string;
  /** Which key sealed an envelope. */
  keyIdOfEnvelope(envelope: string): string;
}

/** `current` seals; `previous` keys only open what they sealed before a rotation. Every key is 32 bytes. */
export function createTokenCipher(keys: { current: Buffer; previous?: readonly Buffer[] }): TokenCipher {
  for (const key of [keys.current, ...(keys.previous ?? [])]) {
    if (key.length !== 32) throw new Error(`an installation encryption key must be 32 bytes, got ${key.length}`);
  }
  const currentKeyId = keyIdOf(keys.current);
  const byId = new Map<string, Buffer>();
  for (const key of [...(keys.previous ?? []), keys.current]) byId.set(keyIdOf(key), key);

  const parse = (envelope: string) => {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new TokenDecryptError('not a token envelope this version can read');
    const [, keyId, nonce, tag, data] = parts as [string, string, string, string, string];
    const parsed = { keyId, nonce: Buffer.from(nonce, 'base64url'), tag: Buffer.from(tag, 'base64url'), data: Buffer.from(data, 'base64url') };
    // Node accepts GCM tags as short as 4 bytes: insist on the full 16 we write, so a cut tag cannot weaken the check.
    if (parsed.nonce.length !== NONCE_BYTES || parsed.tag.length !== TAG_BYTES) throw new TokenDecryptError('not a token envelope this version can read');
    return parsed;
  };

  return {
    currentKeyId,
    encrypt(plaintext, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv(ALGORITHM, keys.current, nonce);
      cipher.setAAD(Buffer.from(context));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, currentKeyId, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    decrypt(envelope, context) {
      const { keyId, nonce, tag, data } = parse(envelope);
      const key = byId.get(keyId);
      if (!key) {
        throw new TokenDecryptError(
          `${context}: sealed with key ${keyId}, which is neither INSTALLATION_ENCRYPTION_KEY (${currentKeyId}) nor in INSTALLATION_ENCRYPTION_PREVIOUS_KEYS`,
        );
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenDecryptError(`${context}: does not authenticate under key ${keyId} (altered, or moved from another row)`);
      }
    },
    keyIdOfEnvelope: (envelope) => parse(envelope).keyId,
  };
}
