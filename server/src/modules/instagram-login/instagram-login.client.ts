import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { InstagramLoginError, parseLoginError } from './instagram-login.error';
import { parseCodeExchange, parseIssuedToken, parseProfile, type InstagramProfile, type IssuedToken } from './instagram-login.responses';

/** The webhook fields dmflow acts on (comments and mentions, DMs and echoes, button taps). */
export const SUBSCRIBED_FIELDS = ['comments', 'messages', 'messaging_postbacks'] as const;

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Business Login for Instagram's HTTP calls: the code exchange (META_OAUTH_TOKEN_URL), the long-lived exchange and
 * refresh (graph.instagram.com, unversioned), /me and subscribed_apps (META_GRAPH_URL). Tokens are never logged.
 */
@Injectable()
export class InstagramLoginClient {
  private readonly graphUrl: string;
  private readonly graphRoot: string;

  constructor(@InjectAppConfig() private readonly config: Pick<AppConfig, 'metaGraphUrl' | 'metaAppSecret' | 'instagramLogin'>) {
    this.graphUrl = config.metaGraphUrl.replace(/\/+$/, '');
    // Meta documents /access_token and /refresh_access_token without a version.
    this.graphRoot = this.graphUrl.replace(/\/v\d+(\.\d+)?$/, '');
  }

  /** The authorization code → a short-lived token (and the app-scoped id, which dmflow does not use: /me decides). */
  async exchangeCode(code: string, appId: string, redirectUrl: string): Promise<IssuedToken> {
    const form = new URLSearchParams({
      client_id: appId,
      client_secret: this.config.metaAppSecret,
      grant_type: 'authorization_code',
      redirect_uri: redirectUrl,
      code,
    });
    return parseCodeExchange(await this.call(this.config.instagramLogin.tokenUrl, { method: 'POST', body: form }));
  }

  /** A short-lived token (one hour) → a long-lived one (60 days). */
  async exchangeForLongLived(shortLivedToken: string): Promise<IssuedToken> {
    const query = new URLSearchParams({
      grant_type: 'ig_exchange_token',
      client_secret: this.config.metaAppSecret,
      access_token: shortLivedToken,
    });
    return parseIssuedToken(await this.call(`${this.graphRoot}/access_token?${query.toString()}`, { method: 'GET' }));
  }

  /** A long-lived token at least a day old → a new 60-day one. */
  async refresh(longLivedToken: string): Promise<IssuedToken> {
    const query = new URLSearchParams({ grant_type: 'ig_refresh_token', access_token: longLivedToken });
    return parseIssuedToken(await this.call(`${this.graphRoot}/refresh_access_token?${query.toString()}`, { method: 'GET' }));
  }

  /** Whose token this is: the professional account's id (webhooks' entry.id), username and picture. */
  async me(accessToken: string): Promise<InstagramProfile> {
    return parseProfile(await this.call(`${this.graphUrl}/me?fields=user_id,username,profile_picture_url`, { method: 'GET', accessToken }));
  }

  /** Asks Meta to send this account's comments, DMs and postbacks to the app's webhook. */
  async subscribeToWebhooks(igUserId: string, accessToken: string): Promise<void> {
    const query = new URLSearchParams({ subscribed_fields: SUBSCRIBED_FIELDS.join(',') });
    const body = await this.call(`${this.graphUrl}/${encodeURIComponent(igUserId)}/subscribed_apps?${query.toString()}`, {
      method: 'POST',
      accessToken,
    });
    if (body.success !== true) throw new InstagramLoginError(200, null, 'subscribed_apps did not answer success', false);
  }

  private async call(
    url: string,
    options: { method: 'GET' | 'POST'; body?: URLSearchParams; accessToken?: string },
  ): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: options.method,
        headers: options.accessToken ? { Authorization: `Bearer ${options.accessToken}` } : {},
        body: options.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new InstagramLoginError(0, null, `Instagram unreachable: ${(error as Error).message}`, false);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { raw: text.slice(0, 200) };
    }
    const failed = !response.ok || (typeof body === 'object' && body !== null && ('error' in body || 'error_type' in body));
    if (failed) throw parseLoginError(response.status, body);
    return body as Record<string, unknown>;
  }
}
