import { Injectable } from '@nestjs/common';
import { ContactsService } from '../contacts/contacts.service';
import { ConversationsService, type InboxRow } from '../conversations/conversations.service';
import { EngineService } from '../engine/engine.service';

/** A person takes over from automation: pause it for the contact (for a while, or until resumed), and resume it. */
@Injectable()
export class TakeoverService {
  constructor(
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
    private readonly engine: EngineService,
  ) {}

  /** `minutes` null: until resumed. Another workspace's contact is not found. */
  async pause(accountId: string, contactId: string, minutes: number | null): Promise<InboxRow> {
    await this.contacts.getOwned(accountId, contactId);
    const until = minutes === null ? null : new Date(Date.now() + minutes * 60_000);
    await this.conversations.pauseAutomation(accountId, contactId, { until });
    return this.conversations.get(accountId, contactId);
  }

  /** Resumes automation; the flow a hand-over paused continues from the block when `continueFlow`, else it ends. */
  async resume(accountId: string, contactId: string, continueFlow: boolean): Promise<InboxRow> {
    await this.conversations.get(accountId, contactId);
    const { handoverRunId } = await this.conversations.resumeAutomation(accountId, contactId);
    if (handoverRunId) await this.engine.resumeAfterHandover(handoverRunId, continueFlow);
    return this.conversations.get(accountId, contactId);
  }
}
