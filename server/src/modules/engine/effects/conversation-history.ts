import type { AiChatMessage } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { InboxService } from '../../inbox/inbox.service';
import { RunStore } from '../run-store';

/**
 * The last messages between the person and the business, oldest first, as chat messages: what they wrote (the
 * inbox) and what runs sent them. The message being answered is the task's own and is left out.
 */
@Injectable()
export class ConversationHistory {
  constructor(
    private readonly inbox: InboxService,
    private readonly runs: RunStore,
  ) {}

  async last(contactId: string, count: number, answering: string): Promise<AiChatMessage[]> {
    if (count <= 0) return [];
    const [received, sent] = await Promise.all([
      this.inbox.recentMessages(contactId, count + 1),
      this.runs.recentSentTexts(contactId, count),
    ]);
    const messages = [
      ...received.map((message) => ({ role: 'user' as const, content: message.text, at: new Date(message.at).getTime() })),
      ...sent.map((message) => ({ role: 'assistant' as const, content: message.text, at: new Date(message.at).getTime() })),
    ].sort((a, b) => a.at - b.at);
    const current = messages.findLastIndex((message) => message.role === 'user' && message.content === answering);
    if (current >= 0) messages.splice(current, 1);
    return messages.slice(-count).map(({ role, content }) => ({ role, content }));
  }
}
