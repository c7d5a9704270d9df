import { Injectable } from '@nestjs/common';
import { GraphApiClient } from '../../messaging/graph-api.client';
import type { EffectExecution, EffectHandler, EffectResult } from './effect-handler';
import { graphCall } from './graph-failure';
import { InstagramToken } from './instagram-token';

@Injectable()
export class SendMessageHandler implements EffectHandler<'send_message'> {
  readonly type = 'send_message' as const;

  constructor(
    private readonly graph: GraphApiClient,
    private readonly token: InstagramToken,
  ) {}

  async execute({ effect, run, manager }: EffectExecution<'send_message'>): Promise<EffectResult> {
    const token = await this.token.forContact(manager, run.contactId);
    const sent = await graphCall(() => this.graph.sendMessage(token, effect.recipient, { ...effect.message }));
    return { message_id: sent.messageId, recipient_id: sent.recipientId };
  }
}
