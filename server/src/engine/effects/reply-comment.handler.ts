import { Injectable } from '@nestjs/common';
import { GraphApiClient } from '../../messaging/graph-api.client';
import type { EffectExecution, EffectHandler, EffectResult } from './effect-handler';
import { graphCall } from './graph-failure';
import { InstagramToken } from './instagram-token';

@Injectable()
export class ReplyCommentHandler implements EffectHandler<'reply_comment'> {
  readonly type = 'reply_comment' as const;

  constructor(
    private readonly graph: GraphApiClient,
    private readonly token: InstagramToken,
  ) {}

  async execute({ effect, run, manager }: EffectExecution<'reply_comment'>): Promise<EffectResult> {
    const token = await this.token.forContact(manager, run.contactId);
    const reply = await graphCall(() => this.graph.replyToComment(token, effect.commentId, effect.text));
    return { comment_id: reply.id };
  }
}
