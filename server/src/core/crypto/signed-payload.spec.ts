import { derivedKey, signPayload, verifyPayload } from './signed-payload';

describe('signed payloads', () => {
  const key = derivedKey(Buffer.alloc(32, 7), 'test purpose');
  const later = new Date(Date.now() + 60_000);

  it('verifies what it signed, until it expires', () => {
    const token = signPayload(key, { workspace: 'w1' }, later);
    expect(verifyPayload(key, token)).toEqual({ workspace: 'w1' });
    expect(verifyPayload(key, token, new Date(later.getTime() + 1))).toBeNull();
  });

  it('refuses a changed payload, another key, another purpose and malformed tokens', () => {
    const token = signPayload(key, { workspace: 'w1' }, later);
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ p: { workspace: 'w2' }, exp: later.getTime() })).toString('base64url')}.${signature}`;
    expect(verifyPayload(key, forged)).toBeNull();
    expect(verifyPayload(derivedKey(Buffer.alloc(32, 8), 'test purpose'), token)).toBeNull();
    expect(verifyPayload(derivedKey(Buffer.alloc(32, 7), 'another purpose'), token)).toBeNull();
    for (const malformed of ['', 'abc', 'a.b.c', `${token}.x`, `.${signature}`]) expect(verifyPayload(key, malformed)).toBeNull();
  });
});
