import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, TokenDecryptError } from '../../src/db/token-cipher.js';

describe('token envelopes (docs/installations.md#tokens-at-rest)', () => {
  const cipher = createTokenCipher({ current: randomBytes(32) });

  it('round-trips, and a cut authentication tag is refused rather than checked on fewer bytes', () => {
    const envelope = cipher.encrypt('xoxb-secret', 'T1:bot');
    expect(cipher.decrypt(envelope, 'T1:bot')).toBe('xoxb-secret');
    const parts = envelope.split('.');
    const cut = [...parts.slice(0, 3), Buffer.from(parts[3]!, 'base64url').subarray(0, 4).toString('base64url'), parts[4]].join('.');
    expect(() => cipher.decrypt(cut, 'T1:bot')).toThrow(TokenDecryptError);
  });
});
