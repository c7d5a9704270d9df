import { emptiedProfileFields, messengerProfileBody, readMessengerProfile, type MessengerProfileConfig } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { DomainError, type FieldProblem } from '../../core/errors/domain-error';
import { HttpErrors } from '../../core/http/http.errors';
import { AccountErrors } from '../accounts/accounts.errors';
import { type ConnectedInstagramAccount, InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { FlowsService } from '../flows/flows.service';
import { GraphApiClient } from '../messaging/graph-api.client';
import { GraphApiError } from '../messaging/graph-api.error';
import type { MessengerProfileView, PutMessengerProfileDto } from './dto/messenger-profile.dto';
import { MessengerProfileErrors } from './messenger-profile.errors';
import { MessengerProfileStore } from './messenger-profile.store';

/**
 * An Instagram account's conversation starters and persistent menu: saved here, pushed to Meta's Messenger Profile
 * API. Each entry's tap comes back as a postback naming its flow (`{"flow_id": …}`), which routing starts.
 */
@Injectable()
export class MessengerProfileService {
  constructor(
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly flows: FlowsService,
    private readonly store: MessengerProfileStore,
    private readonly graph: GraphApiClient,
  ) {}

  async get(accountId: string, instagramAccountId: string): Promise<MessengerProfileView> {
    const instagramAccount = await this.owned(accountId, instagramAccountId);
    const stored = await this.store.find(instagramAccount.id);
    return {
      instagram_account_id: instagramAccount.id,
      ice_breakers: stored?.ice_breakers ?? [],
      menu: stored?.menu ?? [],
      pushed_at: stored?.pushedAt?.toISOString() ?? null,
    };
  }

  /** Saves, then pushes to Instagram; a refusal from Meta keeps what was saved (pushed_at stays null) and says why. */
  async put(accountId: string, instagramAccountId: string, body: PutMessengerProfileDto): Promise<MessengerProfileView> {
    const instagramAccount = await this.owned(accountId, instagramAccountId);
    const { profile, problems } = readMessengerProfile(body);
    if (problems.length) throw HttpErrors.validationFailed(problems);
    await this.checkFlows(accountId, profile);
    await this.store.save(accountId, instagramAccount.id, profile);
    await this.push(instagramAccount, profile);
    return this.get(accountId, instagramAccount.id);
  }

  private async push(instagramAccount: ConnectedInstagramAccount, profile: MessengerProfileConfig): Promise<void> {
    const token = this.instagramAccounts.accessToken(instagramAccount);
    if (!token) throw MessengerProfileErrors.noAccessToken();
    try {
      if (profile.ice_breakers.length || profile.menu.length)
        await this.graph.setMessengerProfile(token, instagramAccount.igUserId, messengerProfileBody(profile));
      const emptied = emptiedProfileFields(profile);
      if (emptied.length) await this.graph.deleteMessengerProfileFields(token, instagramAccount.igUserId, emptied);
    } catch (error) {
      if (error instanceof GraphApiError) throw MessengerProfileErrors.notPushed(error.message);
      throw error;
    }
    await this.store.markPushed(instagramAccount.id, new Date());
  }

  /** Every flow a starter or menu item names must be one of this workspace's. */
  private async checkFlows(accountId: string, profile: MessengerProfileConfig): Promise<void> {
    const named: Array<{ field: string; flowId: string }> = [
      ...profile.ice_breakers.map((starter, index) => ({ field: `ice_breakers.${index}.flow_id`, flowId: starter.flow_id })),
      ...profile.menu.flatMap((item, index) =>
        item.type === 'flow' && item.flow_id ? [{ field: `menu.${index}.flow_id`, flowId: item.flow_id }] : [],
      ),
    ];
    const problems: FieldProblem[] = [];
    for (const { field, flowId } of named) {
      try {
        await this.flows.getOwned(accountId, flowId);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'flow_not_found') throw error;
        problems.push({ field, message: `${field}: no flow with id ${flowId} in this workspace` });
      }
    }
    if (problems.length) throw HttpErrors.validationFailed(problems);
  }

  private async owned(accountId: string, instagramAccountId: string): Promise<ConnectedInstagramAccount> {
    const connected = await this.instagramAccounts.listInstagramAccounts(accountId);
    const instagramAccount = connected.find((candidate) => candidate.id === instagramAccountId);
    if (!instagramAccount) throw AccountErrors.instagramAccountNotFound();
    return instagramAccount;
  }
}
