import { parseLoginError } from './instagram-login.error';
import { parseCodeExchange, parseIssuedToken, parseProfile } from './instagram-login.responses';

describe('Business Login answers', () => {
  it('reads the code exchange flat (as Instagram answers) and inside data[] (as Meta documents it)', () => {
    expect(parseCodeExchange({ access_token: 'IGQWR1', user_id: 1020, permissions: 'instagram_business_basic' })).toEqual({
      accessToken: 'IGQWR1',
      expiresInSeconds: null,
    });
    expect(parseCodeExchange({ data: [{ access_token: 'IGQWR2', user_id: '1020', permissions: 'a,b' }] }).accessToken).toBe('IGQWR2');
    expect(() => parseCodeExchange({ data: [] })).toThrow(/shape/);
  });

  it('reads long-lived tokens and /me, taking user_id (the webhook id) and never the app-scoped id', () => {
    expect(parseIssuedToken({ access_token: 'IGAA', token_type: 'bearer', expires_in: 5183944 })).toEqual({
      accessToken: 'IGAA',
      expiresInSeconds: 5183944,
    });
    expect(parseProfile({ id: '2999', user_id: '17841400000000001', username: 'shop', profile_picture_url: 'https://cdn/p.jpg' })).toEqual({
      igUserId: '17841400000000001',
      username: 'shop',
      profilePictureUrl: 'https://cdn/p.jpg',
    });
    expect(() => parseProfile({ id: '2999', username: 'shop' })).toThrow(/\/me/);
    expect(() => parseProfile({ user_id: '../x', username: 'shop' })).toThrow(/\/me/);
  });

  it("tells Meta's refusals (never retried) from throttling and outages (tried again later), in both error shapes", () => {
    const refusal = parseLoginError(400, { error: { message: 'Error validating access token', code: 190, error_subcode: 460 } });
    expect([refusal.refused, refusal.code, refusal.message]).toEqual([true, 190, 'Error validating access token']);
    const usedCode = parseLoginError(400, {
      error_type: 'OAuthException',
      code: 400,
      error_message: 'This authorization code has been used',
    });
    expect([usedCode.refused, usedCode.message]).toEqual([true, 'This authorization code has been used']);
    expect(parseLoginError(400, { error: { message: 'throttled', code: 613 } }).refused).toBe(false);
    expect(parseLoginError(500, { error: { message: 'oops', code: 2 } }).refused).toBe(false);
    expect(parseLoginError(502, '<html>').refused).toBe(false);
  });
});
