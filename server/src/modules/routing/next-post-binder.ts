import { Injectable, Logger } from '@nestjs/common';
import { type ConnectedInstagramAccount, InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { FlowVersionsService } from '../flows/flow-versions.service';
import { GraphApiClient } from '../messaging/graph-api.client';
import { GraphApiError } from '../messaging/graph-api.error';
import type { TriggerCandidate } from './choose-trigger';
import { InstagramMediaStore } from './instagram-media.store';

/**
 * "Next post" comment triggers wait for the account's next post. Instagram sends no webhook when a post is
 * published, so the first comment on a post published after the flow went live binds the flow to that post, for
 * good: later posts don't fire it. Publication times come from the Graph API once per post, then from Postgres.
 */
@Injectable()
export class NextPostBinder {
  private readonly logger = new Logger(NextPostBinder.name);

  constructor(
    private readonly media: InstagramMediaStore,
    private readonly graph: GraphApiClient,
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly versions: FlowVersionsService,
  ) {}

  /** The candidates, with every unbound "next post" trigger that this comment's post binds filled in. */
  async bind(candidates: TriggerCandidate[], instagramAccount: ConnectedInstagramAccount, mediaId: string): Promise<TriggerCandidate[]> {
    if (!mediaId) return candidates;
    const waiting = candidates.filter(
      (candidate) => candidate.config.source === 'comment' && candidate.config.postScope === 'next' && !candidate.config.mediaId,
    );
    if (!waiting.length) return candidates;
    const publishedAt = await this.publishedAt(instagramAccount, mediaId);
    if (!publishedAt) return candidates;
    const bound = new Map<string, string>();
    for (const candidate of waiting) {
      if (publishedAt < candidate.liveSince) continue;
      bound.set(candidate.flowId, await this.claim(candidate.flowId, mediaId, publishedAt));
    }
    return candidates.map((candidate) =>
      bound.has(candidate.flowId) ? { ...candidate, config: { ...candidate.config, mediaId: bound.get(candidate.flowId) } } : candidate,
    );
  }

  /** Binds the flow to the post unless a concurrent comment bound it first; returns the post it is bound to. */
  private async claim(flowId: string, mediaId: string, publishedAt: Date): Promise<string> {
    const boundMediaId = await this.versions.bindToPost(flowId, mediaId, publishedAt);
    if (boundMediaId === mediaId) this.logger.log({ msg: 'next-post trigger bound', flow_id: flowId, media_id: mediaId });
    return boundMediaId;
  }

  private async publishedAt(instagramAccount: ConnectedInstagramAccount, mediaId: string): Promise<Date | null> {
    const known = await this.media.publishedAt(instagramAccount.id, mediaId);
    if (known) return known;
    const token = this.instagramAccounts.accessToken(instagramAccount);
    if (!token) return null;
    let publishedAt: Date;
    try {
      publishedAt = await this.graph.mediaPublishedAt(token, mediaId);
    } catch (error) {
      // Outages and rate limits retry the inbox job; a post Meta won't describe simply binds nothing.
      if (!(error instanceof GraphApiError) || error.retryable) throw error;
      this.logger.warn({ msg: 'post lookup refused; next-post triggers not bound', media_id: mediaId, error: error.message });
      return null;
    }
    await this.media.remember(instagramAccount.id, mediaId, publishedAt);
    return publishedAt;
  }
}
