import type { InstagramConnectError } from '@dmflow/shared';
import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { derivedKey, signPayload, verifyPayload } from '../../core/crypto/signed-payload';
import { DomainError } from '../../core/errors/domain-error';
import { InstagramConnectionsService } from './instagram-connections.service';
import { InstagramLoginClient } from './instagram-login.client';
import { InstagramLoginError } from './instagram-login.error';
import { InstagramLoginErrors, missingLoginSettings } from './instagram-login.errors';
import { expiryOf } from './instagram-login.responses';

/** The permissions dmflow asks for: profile, DMs, comments. */
export const LOGIN_SCOPES = ['instagram_business_basic', 'instagram_business_manage_messages', 'instagram_business_manage_comments'];

/** How long a login may take between "Connect Instagram" and the callback. */
export const LOGIN_STATE_TTL_MS = 10 * 60 * 1000;

/** HKDF `info` of the state's HMAC key (documented in docs/instagram-setup.md: tests sign states with it). */
export const LOGIN_STATE_KEY_PURPOSE = 'dmflow instagram login state v1';

export interface StartedLogin {
  authorizeUrl: string;
  expiresAt: Date;
  /** Set as an HttpOnly cookie: the callback must come back to the browser that started the login. */
  browserNonce: string;
  /** Whether the callback is served over https (then the cookie is Secure). */
  secure: boolean;
}

export interface CallbackQuery {
  code: string | null;
  state: string | null;
  error: string | null;
}

export type LoginOutcome = { connected: true; username: string } | { connected: false; error: InstagramConnectError };

/** The sha256 of the browser's nonce rides in the signed state, so the state alone is useless in another browser. */
function browserBinding(nonce: string): string {
  return createHash('sha256').update(nonce).digest('base64url');
}

/**
 * Business Login for Instagram: "Connect Instagram" sends the browser to Instagram's authorize page with a signed,
 * expiring `state` naming the workspace; the callback checks it, trades the code for a token, asks /me whose it is,
 * subscribes the account to webhooks and connects it.
 */
@Injectable()
export class InstagramLoginService {
  private readonly logger = new Logger('InstagramLogin');
  private readonly stateKey: Buffer;

  constructor(
    private readonly client: InstagramLoginClient,
    private readonly connections: InstagramConnectionsService,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'instagramLogin' | 'encryptionKey'>,
  ) {
    this.stateKey = derivedKey(config.encryptionKey, LOGIN_STATE_KEY_PURPOSE);
  }

  startLogin(accountId: string, now = new Date()): StartedLogin {
    const { appId, redirectUrl, authorizeUrl } = this.config.instagramLogin;
    if (!appId || !redirectUrl) throw InstagramLoginErrors.notConfigured(missingLoginSettings(this.config.instagramLogin));
    const browserNonce = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + LOGIN_STATE_TTL_MS);
    const state = signPayload(this.stateKey, { workspace: accountId, browser: browserBinding(browserNonce) }, expiresAt);
    const target = new URL(authorizeUrl);
    target.searchParams.set('client_id', appId);
    target.searchParams.set('redirect_uri', redirectUrl);
    target.searchParams.set('response_type', 'code');
    target.searchParams.set('scope', LOGIN_SCOPES.join(','));
    target.searchParams.set('state', state);
    return { authorizeUrl: target.toString(), expiresAt, browserNonce, secure: redirectUrl.startsWith('https:') };
  }

  /** The callback: every failure comes back as a code the editor explains; nothing here names another workspace. */
  async completeLogin(query: CallbackQuery, browserNonce: string | null): Promise<LoginOutcome> {
    const { appId, redirectUrl } = this.config.instagramLogin;
    if (!appId || !redirectUrl) return { connected: false, error: 'not_configured' };
    const claims = query.state ? verifyPayload(this.stateKey, query.state) : null;
    if (!claims?.workspace || !browserNonce || claims.browser !== browserBinding(browserNonce))
      return { connected: false, error: 'state_invalid' };
    if (query.error || !query.code) return { connected: false, error: 'access_denied' };

    const step = async <T>(failure: InstagramConnectError, call: () => Promise<T>): Promise<T | InstagramConnectError> => {
      try {
        return await call();
      } catch (error) {
        const refused = error instanceof InstagramLoginError && error.refused;
        this.logger.warn({ msg: 'instagram login step failed', step: failure, error: (error as Error).message });
        return refused ? failure : 'instagram_unreachable';
      }
    };
    const code = query.code;
    const shortLived = await step('code_rejected', () => this.client.exchangeCode(code, appId, redirectUrl));
    if (typeof shortLived === 'string') return { connected: false, error: shortLived };
    const issuedAt = new Date();
    const longLived = await step('token_rejected', () => this.client.exchangeForLongLived(shortLived.accessToken));
    if (typeof longLived === 'string') return { connected: false, error: longLived };
    const profile = await step('token_rejected', () => this.client.me(longLived.accessToken));
    if (typeof profile === 'string') return { connected: false, error: profile };
    const subscribed = await step('subscribe_failed', () => this.client.subscribeToWebhooks(profile.igUserId, longLived.accessToken));
    if (typeof subscribed === 'string') return { connected: false, error: subscribed };

    try {
      await this.connections.connect(
        { accountId: claims.workspace, accessToken: longLived.accessToken, tokenExpiresAt: expiryOf(longLived, issuedAt) },
        profile,
      );
    } catch (error) {
      // The workspace named by a valid state is gone (deleted while its owner was on Instagram's page).
      if (error instanceof DomainError) return { connected: false, error: 'state_invalid' };
      throw error;
    }
    return { connected: true, username: profile.username };
  }
}
