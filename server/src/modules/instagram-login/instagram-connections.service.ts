import { Injectable, Logger } from '@nestjs/common';
import { InstagramAccountsService, type ConnectedInstagramAccount, type ConnectionChange } from '../accounts/instagram-accounts.service';
import { WebhookEventsService } from '../webhooks/webhook-events.service';
import { InstagramLoginClient } from './instagram-login.client';
import { InstagramLoginError } from './instagram-login.error';
import { InstagramLoginErrors } from './instagram-login.errors';
import type { InstagramProfile } from './instagram-login.responses';
import { recordNeedsReconnect } from './needs-reconnect-event';

export interface TokenToConnect {
  accountId: string;
  accessToken: string;
  /** null when Meta did not say (a token given by hand). */
  tokenExpiresAt: Date | null;
}

/**
 * Connecting an Instagram account always starts from a token: GET /me says which account it belongs to, and that
 * account is the one connected, whatever the caller claimed. Holding a valid token is the proof of ownership.
 */
@Injectable()
export class InstagramConnectionsService {
  private readonly logger = new Logger('InstagramConnections');

  constructor(
    private readonly client: InstagramLoginClient,
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly webhookEvents: WebhookEventsService,
  ) {}

  /**
   * The manual path (CLI, POST /v1/instagram-accounts): the token must answer /me, and for `expectedIgUserId` when one
   * is given. Refusals are the same whether or not the account is connected elsewhere.
   */
  async connectWithToken(input: TokenToConnect, expectedIgUserId: string | null): Promise<ConnectedInstagramAccount> {
    const profile = await this.whoseToken(input.accessToken);
    if (expectedIgUserId !== null && expectedIgUserId !== profile.igUserId) throw InstagramLoginErrors.tokenMismatch();
    return (await this.connect(input, profile)).connected;
  }

  /** GET /me for the token; a refusal or an unreachable Meta is a DomainError for the caller. */
  async whoseToken(accessToken: string): Promise<InstagramProfile> {
    try {
      return await this.client.me(accessToken);
    } catch (error) {
      if (error instanceof InstagramLoginError && !error.refused) throw InstagramLoginErrors.unreachable();
      throw InstagramLoginErrors.tokenInvalid();
    }
  }

  /** Stores the connection for the account /me named; a workspace that held it is told it needs a reconnect. */
  async connect(input: TokenToConnect, profile: InstagramProfile): Promise<ConnectionChange> {
    const change = await this.instagramAccounts.connectVerified(
      { ...input, igUserId: profile.igUserId, username: profile.username, profilePictureUrl: profile.profilePictureUrl },
      async ({ displaced }, manager) => {
        if (displaced) await recordNeedsReconnect(this.webhookEvents, displaced, 'connected_elsewhere', manager);
      },
    );
    if (change.displaced)
      this.logger.log({
        msg: 'instagram account moved to the workspace that proved it owns it',
        instagram_account_id: change.connected.id,
      });
    return change;
  }
}
