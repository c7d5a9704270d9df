import { Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { InstagramAccountsService, type ClaimedToken } from '../accounts/instagram-accounts.service';
import { WebhookEventsService } from '../webhooks/webhook-events.service';
import { InstagramLoginClient } from './instagram-login.client';
import { InstagramLoginError } from './instagram-login.error';
import { expiryOf } from './instagram-login.responses';
import { recordNeedsReconnect } from './needs-reconnect-event';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Meta refreshes only tokens at least a day old. */
const MIN_TOKEN_AGE_MS = DAY_MS;
/** A refresh that could not reach Meta (or was throttled) is tried again after this. */
const RETRY_AFTER_MS = 30 * 60 * 1000;
/** Tokens per pass; the rest wait for the next pass. */
const MAX_PER_PASS = 200;

export type RefreshOutcome = 'refreshed' | 'needs_reconnect' | 'retry_later' | 'changed_meanwhile';

/**
 * Keeps long-lived tokens alive: a token expiring within INSTAGRAM_TOKEN_REFRESH_DAYS (or of unknown expiry) and at
 * least a day old is refreshed. When Meta refuses, the account stops sending, shows "needs reconnect" and the
 * workspace gets an instagram_account_needs_reconnect webhook event. Rows are claimed one at a time, so several
 * worker processes share the work without holding a transaction across the call to Meta.
 */
@Injectable()
export class InstagramTokenRefreshService {
  private readonly logger = new Logger('InstagramTokenRefresh');

  constructor(
    private readonly client: InstagramLoginClient,
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly webhookEvents: WebhookEventsService,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'instagramLogin'>,
  ) {}

  /** One pass; returns how many tokens it tried. */
  async refreshDueTokens(now = new Date()): Promise<number> {
    const window = {
      expiringBefore: new Date(now.getTime() + this.config.instagramLogin.refreshBeforeDays * DAY_MS),
      issuedBefore: new Date(now.getTime() - MIN_TOKEN_AGE_MS),
      attemptedBefore: new Date(now.getTime() - RETRY_AFTER_MS),
      now,
    };
    let tried = 0;
    while (tried < MAX_PER_PASS) {
      const claim = await this.instagramAccounts.claimTokenDueForRefresh(window);
      if (!claim) break;
      tried += 1;
      const outcome = await this.refreshOne(claim);
      this.logger.log({ msg: 'instagram token refresh', instagram_account_id: claim.instagramAccount.id, outcome });
    }
    return tried;
  }

  private async refreshOne(claim: ClaimedToken): Promise<RefreshOutcome> {
    try {
      const issued = await this.client.refresh(claim.accessToken);
      const stored = await this.instagramAccounts.recordRefreshedToken(claim, issued.accessToken, expiryOf(issued, new Date()));
      return stored ? 'refreshed' : 'changed_meanwhile';
    } catch (error) {
      if (!(error instanceof InstagramLoginError && error.refused)) return 'retry_later';
      const marked = await this.instagramAccounts.markNeedsReconnect(claim, 'token_refresh_refused', (instagramAccount, manager) =>
        recordNeedsReconnect(this.webhookEvents, instagramAccount, 'token_refresh_refused', manager),
      );
      return marked ? 'needs_reconnect' : 'changed_meanwhile';
    }
  }
}
