import { Injectable } from '@nestjs/common';
import { Page, PageQueryDto } from '../../core/http/pagination';
import { isUuid } from '../../core/http/uuid';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { FlowVersionsService } from '../flows/flow-versions.service';
import { SEND_LIMITS } from '../messaging/send-limits';
import { BroadcastErrors } from './broadcasts.errors';
import { type BroadcastChange, BroadcastsStore } from './broadcasts.store';
import { BroadcastView, CreateBroadcastDto } from './dto/broadcast.dto';
import { CreateSegmentDto, SegmentView } from './dto/segment.dto';
import type { Broadcast } from './entities/broadcast.entity';
import type { Segment } from './entities/segment.entity';

/** Segments and broadcasts as the REST API sees them; an account sees and changes only its own. */
@Injectable()
export class BroadcastsService {
  constructor(
    private readonly store: BroadcastsStore,
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly flows: FlowVersionsService,
  ) {}

  async createSegment(accountId: string, body: CreateSegmentDto): Promise<SegmentView> {
    const segment = await this.store.createSegment(accountId, body.name, { ...body.filter });
    return SegmentView.of(segment, await this.store.countSegment(accountId, segment.filter));
  }

  listSegments(accountId: string, query: PageQueryDto): Promise<Page<SegmentView>> {
    return this.store.pageSegments(accountId, query, (segment) => SegmentView.of(segment));
  }

  async getSegment(accountId: string, id: string): Promise<SegmentView> {
    const segment = await this.ownedSegment(accountId, id);
    return SegmentView.of(segment, await this.store.countSegment(accountId, segment.filter));
  }

  async deleteSegment(accountId: string, id: string): Promise<void> {
    await this.ownedSegment(accountId, id);
    if (!(await this.store.deleteSegment(accountId, id))) throw BroadcastErrors.segmentInUse(id);
  }

  async createBroadcast(accountId: string, body: CreateBroadcastDto): Promise<BroadcastView> {
    if (!body.message === !body.flow_id) throw BroadcastErrors.invalid('Give either message or flow_id.');
    await this.ownedSegment(accountId, body.segment_id);
    const instagramAccount = await this.instagramAccounts.findInstagramAccount(body.instagram_account_id);
    if (!instagramAccount || instagramAccount.accountId !== accountId)
      throw BroadcastErrors.invalid(`No connected Instagram account with id ${body.instagram_account_id}.`);
    if (body.flow_id) {
      const flow = await this.flows.findFlow(accountId, body.flow_id);
      if (!flow || flow.deletedAt || !flow.publishedVersionId)
        throw BroadcastErrors.invalid(`Flow ${body.flow_id} is not a published flow.`);
    }
    const broadcast = await this.store.createBroadcast({
      accountId,
      instagramAccountId: instagramAccount.id,
      segmentId: body.segment_id,
      name: body.name,
      message: body.message ? { text: body.message.text } : null,
      flowId: body.flow_id ?? null,
      sendsPerSecond: body.sends_per_second ?? SEND_LIMITS.text.limit,
      scheduledAt: body.scheduled_at ? new Date(body.scheduled_at) : new Date(),
    });
    return BroadcastView.of(broadcast, await this.store.counts(broadcast.id));
  }

  /** A page of broadcasts, each with its stats (a page holds at most 100: one small count each). */
  async listBroadcasts(accountId: string, query: PageQueryDto): Promise<Page<BroadcastView>> {
    const page = await this.store.pageBroadcasts(accountId, query, (broadcast) => broadcast);
    return {
      ...page,
      data: await Promise.all(page.data.map(async (broadcast) => BroadcastView.of(broadcast, await this.store.counts(broadcast.id)))),
    };
  }

  async getBroadcast(accountId: string, id: string): Promise<BroadcastView> {
    const broadcast = await this.ownedBroadcast(accountId, id);
    return BroadcastView.of(broadcast, await this.store.counts(broadcast.id));
  }

  /** Pause, resume or cancel; a change the status does not allow is refused with the status. */
  async change(accountId: string, id: string, change: BroadcastChange): Promise<BroadcastView> {
    const broadcast = await this.ownedBroadcast(accountId, id);
    if (!(await this.store.change(id, change))) {
      const now = await this.ownedBroadcast(accountId, id);
      throw BroadcastErrors.notChangeable(broadcast.id, change, now.status);
    }
    return this.getBroadcast(accountId, id);
  }

  private async ownedSegment(accountId: string, id: string): Promise<Segment> {
    const segment = isUuid(id) ? await this.store.findSegment(accountId, id) : null;
    if (!segment) throw BroadcastErrors.segmentNotFound(id);
    return segment;
  }

  private async ownedBroadcast(accountId: string, id: string): Promise<Broadcast> {
    const broadcast = isUuid(id) ? await this.store.findBroadcast(accountId, id) : null;
    if (!broadcast) throw BroadcastErrors.notFound(id);
    return broadcast;
  }
}
