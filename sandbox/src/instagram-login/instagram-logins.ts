import { randomBytes } from 'node:crypto';
import { numericId } from '../graph-api/ids';

/** An Instagram professional account a tester can log in as on the sandbox's authorize page. */
export interface TestBusiness {
  /** The IG professional account id: what /me answers as `user_id` and Meta webhooks carry as `entry.id`. */
  userId: string;
  /** The app-scoped id: what the code exchange answers as `user_id` and /me as `id` (not the webhook id). */
  appScopedId: string;
  username: string;
  profilePictureUrl: string;
}

/** What a tester may say about a test business (POST /_sandbox/instagram-users); the rest is made up. */
export interface TestBusinessInput {
  user_id?: string;
  username?: string;
  profile_picture_url?: string;
  /** Map this exact token to the business (a long-lived token), e.g. a fixture's `IGQVJ-…`; default: a new one. */
  access_token?: string;
  /** Lifetime of the long-lived tokens issued for this business, in seconds (default 60 days). */
  token_expires_in?: number;
}

export type TokenKind = 'short_lived' | 'long_lived';

export interface IssuedToken {
  token: string;
  userId: string;
  kind: TokenKind;
  expiresAt: number;
  revoked: boolean;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export const SHORT_LIVED_SECONDS = 60 * 60;
export const LONG_LIVED_SECONDS = 60 * 24 * 60 * 60;
const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** A picture that needs no network (Instagram's are CDN URLs): a disc in a colour of the account's own. */
function defaultPicture(userId: string): string {
  const hue = Number(userId.slice(-3)) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="32" fill="hsl(${hue},70%,55%)"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function token(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

/**
 * The sandbox's side of Business Login for Instagram: the test businesses, the authorization codes the authorize
 * page hands out, and every token issued, each bound to one business so a token for A never acts as B.
 */
export class InstagramLogins {
  private readonly businesses = new Map<string, TestBusiness>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly lifetimes = new Map<string, number>();
  /** Fields each business subscribed the app to (POST /<id>/subscribed_apps). */
  readonly subscriptions = new Map<string, string[]>();

  constructor(private readonly now: () => number = Date.now) {}

  register(input: TestBusinessInput): { business: TestBusiness; accessToken: string } {
    const userId = input.user_id ?? numericId('1784', 17);
    const existing = this.businesses.get(userId);
    const business: TestBusiness = {
      userId,
      appScopedId: existing?.appScopedId ?? numericId('2', 17),
      username: input.username ?? existing?.username ?? `test_business_${userId.slice(-4)}`,
      profilePictureUrl: input.profile_picture_url ?? existing?.profilePictureUrl ?? defaultPicture(userId),
    };
    this.businesses.set(userId, business);
    if (input.token_expires_in !== undefined) this.lifetimes.set(userId, input.token_expires_in);
    const accessToken = input.access_token ?? token('IGAA');
    this.tokens.set(accessToken, { token: accessToken, userId, kind: 'long_lived', expiresAt: this.expiry(userId), revoked: false });
    return { business, accessToken };
  }

  list(): TestBusiness[] {
    return [...this.businesses.values()];
  }

  /** The business the authorize page offers first: the one registered last, or a default one made on demand. */
  defaultBusiness(): TestBusiness {
    return this.list().at(-1) ?? this.register({ username: 'sandbox_business' }).business;
  }

  find(userId: string): TestBusiness | undefined {
    return this.businesses.get(userId);
  }

  /** The authorize page's "Log in as test business": a one-time code for this app, redirect URI and business. */
  issueCode(clientId: string, redirectUri: string, userId: string, scopes: string[]): string {
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { clientId, redirectUri, userId, scopes, expiresAt: this.now() + CODE_LIFETIME_MS, used: false });
    return code;
  }

  /** Trades a code for a short-lived token once; the code must come back with the app and redirect URI it was issued for. */
  redeemCode(
    code: string,
    clientId: string,
    redirectUri: string,
  ): { token: IssuedToken; business: TestBusiness; scopes: string[] } | string {
    const pending = this.codes.get(code);
    if (!pending) return 'Invalid authorization code';
    if (pending.used) return 'This authorization code has been used';
    if (pending.expiresAt < this.now()) return 'This authorization code has expired';
    if (pending.clientId !== clientId) return 'Invalid platform app';
    if (pending.redirectUri !== redirectUri) return 'Error validating verification code. Please make sure your redirect_uri is identical';
    pending.used = true;
    const issued = this.issue(pending.userId, 'short_lived');
    return { token: issued, business: this.businesses.get(pending.userId) as TestBusiness, scopes: pending.scopes };
  }

  issue(userId: string, kind: TokenKind): IssuedToken {
    const value = token(kind === 'short_lived' ? 'IGQWR' : 'IGAA');
    const expiresAt = kind === 'short_lived' ? this.now() + SHORT_LIVED_SECONDS * 1000 : this.expiry(userId);
    const issued: IssuedToken = { token: value, userId, kind, expiresAt, revoked: false };
    this.tokens.set(value, issued);
    return issued;
  }

  /** A token the sandbox issued; null for one it never saw (the sandbox stays lenient with those outside /me). */
  lookup(value: string): IssuedToken | null {
    return this.tokens.get(value) ?? null;
  }

  isUsable(issued: IssuedToken): boolean {
    return !issued.revoked && issued.expiresAt > this.now();
  }

  secondsLeft(issued: IssuedToken): number {
    return Math.max(0, Math.round((issued.expiresAt - this.now()) / 1000));
  }

  /** As when the person changes their password or removes the app: every token of the business stops working. */
  revokeTokensOf(userId: string): number {
    let revoked = 0;
    for (const issued of this.tokens.values()) {
      if (issued.userId === userId && !issued.revoked) {
        issued.revoked = true;
        revoked += 1;
      }
    }
    return revoked;
  }

  private expiry(userId: string): number {
    return this.now() + (this.lifetimes.get(userId) ?? LONG_LIVED_SECONDS) * 1000;
  }
}
