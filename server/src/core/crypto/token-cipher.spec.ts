import { randomBytes } from 'node:crypto';
import { constantTimeEqual, generateApiKey, hashApiKey, TokenCipher } from './token-cipher';

describe('API keys', () => {
  it('generates distinct keys whose hash and visible prefix match', () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(first.key).not.toBe(second.key);
    expect(first.key.startsWith(first.prefix)).toBe(true);
    expect(first.prefix).toMatch(/^sk_.{6}$/);
    expect(first.hash).toBe(hashApiKey(first.key));
    expect(first.hash).not.toContain(first.key);
  });

  it('compares in constant time, including different lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('TokenCipher', () => {
  const cipher = new TokenCipher(randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const stored = cipher.encrypt('IGQVJ-secret-token');
    expect(stored).not.toContain('IGQVJ');
    expect(cipher.decrypt(stored)).toBe('IGQVJ-secret-token');
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('rejects tampered ciphertext and a different key', () => {
    const stored = cipher.encrypt('token');
    const parts = stored.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => new TokenCipher(randomBytes(32)).decrypt(stored)).toThrow();
  });
});
