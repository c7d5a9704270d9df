import { Injectable } from '@nestjs/common';
import { SEND_KINDS, sendLimitWindow, type SendKind } from '../messaging/send-limits';
import { readFixedWindows, type WindowUsage } from '../../core/redis/fixed-window';
import { RedisCounters } from '../../core/redis/redis.module';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { actionApiHourlyWindow } from '../accounts/action-api-window';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { planFor } from '../accounts/plans';
import { AiService } from '../ai/ai.service';
import type { ActionApiUsageView, SendWindowView, UsageView } from './usage.dto';

const iso = (ms: number) => new Date(ms).toISOString();

function sendWindowView(usage: WindowUsage, windowMs: number): SendWindowView {
  return {
    limit: usage.limit,
    used: usage.used,
    remaining: usage.remaining,
    window_seconds: windowMs / 1000,
    resets_at: iso(usage.resetAt),
  };
}

/** What an account may still do right now, read from the same counters that enforce the limits. */
@Injectable()
export class UsageService {
  constructor(
    private readonly counters: RedisCounters,
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly ai: AiService,
  ) {}

  async usage(account: AuthenticatedAccount): Promise<UsageView> {
    const plan = planFor(account.plan);
    const hourlyWindow = plan.apiAccess ? actionApiHourlyWindow(account) : null;
    const instagramAccounts = await this.instagramAccounts.listInstagramAccounts(account.id);
    const sendWindows = instagramAccounts.flatMap((instagram) => SEND_KINDS.map((kind) => sendLimitWindow(instagram.id, kind)));
    const [counts, ai] = await Promise.all([
      readFixedWindows(this.counters, [...(hourlyWindow ? [hourlyWindow] : []), ...sendWindows]),
      this.ai.workspaceUsage(account.id),
    ]);
    const hourly = hourlyWindow ? counts.shift() : undefined;

    const actionApi: ActionApiUsageView = hourly
      ? { access: true, hourly_limit: hourly.limit, used: hourly.used, remaining: hourly.remaining, resets_at: iso(hourly.resetAt) }
      : { access: plan.apiAccess, hourly_limit: null, used: null, remaining: null, resets_at: null };
    return {
      plan: { id: plan.id, name: plan.label },
      action_api: actionApi,
      credits: { credit_based: plan.creditBased, balance: account.credits },
      // No plan limits connected Instagram accounts today.
      instagram_accounts: { connected: instagramAccounts.length, allowed: null },
      instagram_send_limits: instagramAccounts.map((instagram, index) => {
        const windowOf = (kind: SendKind) => {
          const position = index * SEND_KINDS.length + SEND_KINDS.indexOf(kind);
          return sendWindowView(counts[position], sendWindows[position].windowMs);
        };
        return {
          instagram_account_id: instagram.id,
          ig_user_id: instagram.igUserId,
          username: instagram.username,
          text: windowOf('text'),
          media: windowOf('media'),
          private_reply: windowOf('private_reply'),
        };
      }),
      ai,
    };
  }
}
