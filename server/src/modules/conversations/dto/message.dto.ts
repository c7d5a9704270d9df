import { ApiProperty } from '@nestjs/swagger';
import type { ConversationMessage } from '../entities/conversation-message.entity';

export class MessageSenderView {
  @ApiProperty({ enum: ['contact', 'flow', 'api', 'member'] }) type: string;
  @ApiProperty({ nullable: true, type: String }) flow_id: string | null;
  @ApiProperty({ nullable: true, type: String }) run_id: string | null;
  @ApiProperty({ nullable: true, type: String }) node_id: string | null;
  @ApiProperty({ nullable: true, type: String }) api_key_id: string | null;
  @ApiProperty({ nullable: true, type: String }) user_id: string | null;
}

export class MessageView {
  @ApiProperty() id: string;
  @ApiProperty() contact_id: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction: string;
  @ApiProperty({ description: 'comment, live_comment, message, story_reply, postback, private_reply, comment_reply' }) kind: string;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) attachments: unknown[];
  @ApiProperty({ nullable: true, type: String, description: "Meta's message id (mid)" }) meta_message_id: string | null;
  @ApiProperty({ nullable: true, type: String }) meta_comment_id: string | null;
  @ApiProperty({ type: MessageSenderView }) sender: MessageSenderView;
  @ApiProperty({ nullable: true, type: String, description: 'HUMAN_AGENT when the reply used that tag' }) tag: string | null;
  @ApiProperty() occurred_at: string;

  static of(message: ConversationMessage): MessageView {
    return {
      id: message.id,
      contact_id: message.contactId,
      direction: message.direction,
      kind: message.kind,
      text: message.text,
      attachments: message.attachments,
      meta_message_id: message.metaMessageId,
      meta_comment_id: message.metaCommentId,
      sender: {
        type: message.senderType,
        flow_id: message.flowId,
        run_id: message.runId,
        node_id: message.nodeId,
        api_key_id: message.apiKeyId,
        user_id: message.userId,
      },
      tag: message.tag,
      occurred_at: message.occurredAt.toISOString(),
    };
  }
}
