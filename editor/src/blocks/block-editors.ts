import type { BlockType } from '@dmflow/shared';
import type { ComponentType } from 'react';
import { AiReplyContent } from './ai-reply/ai-reply-content';
import { AiRouterContent } from './ai-router/ai-router-content';
import type { BlockContentProps } from './block-content-parts';
import { ConditionContent } from './condition/condition-content';
import { DelayContent } from './delay/delay-content';
import { EndContent } from './end/end-content';
import { FollowGateContent } from './follow-gate/follow-gate-content';
import { HandoverContent } from './handover/handover-content';
import { HttpRequestContent } from './http-request/http-request-content';
import { ModerateCommentContent } from './moderate-comment/moderate-comment-content';
import { NotifyTeamContent } from './notify-team/notify-team-content';
import { QuestionContent } from './question/question-content';
import { RandomizerContent } from './randomizer/randomizer-content';
import { SendMessageContent } from './send-message/send-message-content';
import { SetVariableContent } from './set-variable/set-variable-content';
import { StartFlowContent } from './start-flow/start-flow-content';
import { SubscriptionContent } from './subscription/subscription-content';
import { TagContent } from './tag/tag-content';
import { TriggerContent } from './trigger/trigger-content';

export interface BlockEditor<T extends BlockType> {
  /** What the node shows on the canvas, at a glance. */
  Content: ComponentType<BlockContentProps<T>>;
  /** Glyph for the palette and the node header; from fonts every Linux desktop has (no emoji font needed). */
  glyph: string;
  /** Header colour: one per category of block. */
  accent: string;
}

/** Each block type's editor side, its preview typed by that block's config. */
export type BlockEditors = { [T in BlockType]: BlockEditor<T> };

/** The editor side of every block type; the catalogue in shared/ drives the settings forms. */
export const BLOCK_EDITORS = {
  trigger: { Content: TriggerContent, glyph: '⚡', accent: '#7c3aed' },
  send_message: { Content: SendMessageContent, glyph: '✉', accent: '#2563eb' },
  question: { Content: QuestionContent, glyph: '?', accent: '#0e7490' },
  condition: { Content: ConditionContent, glyph: '◇', accent: '#b45309' },
  delay: { Content: DelayContent, glyph: '◷', accent: '#64748b' },
  randomizer: { Content: RandomizerContent, glyph: '⚄', accent: '#b45309' },
  follow_gate: { Content: FollowGateContent, glyph: '♥', accent: '#b45309' },
  tag: { Content: TagContent, glyph: '#', accent: '#047857' },
  set_variable: { Content: SetVariableContent, glyph: 'x', accent: '#047857' },
  ai_reply: { Content: AiReplyContent, glyph: '✦', accent: '#2563eb' },
  ai_router: { Content: AiRouterContent, glyph: '⑂', accent: '#2563eb' },
  http_request: { Content: HttpRequestContent, glyph: '⇅', accent: '#475569' },
  subscription: { Content: SubscriptionContent, glyph: '⊘', accent: '#047857' },
  moderate_comment: { Content: ModerateCommentContent, glyph: '⊘', accent: '#2563eb' },
  handover: { Content: HandoverContent, glyph: '☺', accent: '#be185d' },
  notify_team: { Content: NotifyTeamContent, glyph: '♪', accent: '#475569' },
  start_flow: { Content: StartFlowContent, glyph: '↪', accent: '#334155' },
  end: { Content: EndContent, glyph: '■', accent: '#334155' },
} satisfies BlockEditors;
