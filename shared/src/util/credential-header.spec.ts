import { isCredentialHeader, isMaskedCredential, maskCredential } from './credential-header';

describe('credential headers', () => {
  it('knows the names that carry credentials', () => {
    for (const name of ['Authorization', 'proxy-authorization', 'Cookie', 'X-API-Key', 'x-auth-token', 'X-Client-Secret', 'Api-Password']) {
      expect(isCredentialHeader(name)).toBe(true);
    }
    for (const name of ['Content-Type', 'Accept', 'X-Source', 'X-Request-Id']) expect(isCredentialHeader(name)).toBe(false);
  });

  it('masks to the last 4 characters at most, and recognises its own masks', () => {
    expect(maskCredential('Bearer abcdefgh1234')).toBe('****1234');
    expect(maskCredential('short')).toBe('****');
    expect(isMaskedCredential('****1234')).toBe(true);
    expect(isMaskedCredential('****')).toBe(true);
    expect(isMaskedCredential('Bearer new-token')).toBe(false);
  });
});
