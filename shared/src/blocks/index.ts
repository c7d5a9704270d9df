import { aiReplyBlock } from './ai-reply/ai-reply.block';
import { aiRouterBlock } from './ai-router/ai-router.block';
import type { BlockDefinition } from '../kernel/block-definition';
import type { BlockType } from '../kernel/block-type';
import { conditionBlock } from './condition/condition.block';
import { delayBlock } from './delay/delay.block';
import { endBlock } from './end/end.block';
import { followGateBlock } from './follow-gate/follow-gate.block';
import { handoverBlock } from './handover/handover.block';
import { httpRequestBlock } from './http-request/http-request.block';
import { notifyTeamBlock } from './notify-team/notify-team.block';
import { moderateCommentBlock } from './moderate-comment/moderate-comment.block';
import { questionBlock } from './question/question.block';
import { randomizerBlock } from './randomizer/randomizer.block';
import { sendMessageBlock } from './send-message/send-message.block';
import { setVariableBlock } from './set-variable/set-variable.block';
import { startFlowBlock } from './start-flow/start-flow.block';
import { subscriptionBlock } from './subscription/subscription.block';
import { tagBlock } from './tag/tag.block';
import { triggerBlock } from './trigger/trigger.block';

/** The block catalogue: the editor renders from it, the compiler executes from it. */
export const BLOCKS = {
  trigger: triggerBlock,
  send_message: sendMessageBlock,
  question: questionBlock,
  condition: conditionBlock,
  delay: delayBlock,
  randomizer: randomizerBlock,
  follow_gate: followGateBlock,
  tag: tagBlock,
  set_variable: setVariableBlock,
  ai_reply: aiReplyBlock,
  ai_router: aiRouterBlock,
  http_request: httpRequestBlock,
  subscription: subscriptionBlock,
  moderate_comment: moderateCommentBlock,
  handover: handoverBlock,
  notify_team: notifyTeamBlock,
  start_flow: startFlowBlock,
  end: endBlock,
} satisfies Record<BlockType, BlockDefinition>;

export type BlockConfigs = { [T in BlockType]: ReturnType<(typeof BLOCKS)[T]['defaults']> };

export function blockDefinition(type: BlockType): BlockDefinition {
  return BLOCKS[type];
}

export { matchesTrigger, matchingCondition, triggerConditions, keywordsMatch, type InboundTrigger } from './trigger/trigger-matcher';
export { triggerInputs, triggerContextFor, flowIdNamedBy } from './trigger/inbound-trigger';
export { TriggerConfig, TriggerCondition, TEXTLESS_SOURCES, REF_PATTERN } from './trigger/trigger.config';
export { SendMessageConfig } from './send-message/send-message.config';
export { buildMessage } from './send-message/build-message';
export { QuestionConfig, QUESTION_TYPES, type QuestionType } from './question/question.config';
export { checkAnswer } from './question/answer-validation';
export { SKIP_PAYLOAD } from './question/question.block';
export { ConditionConfig } from './condition/condition.config';
export { DelayConfig, delayMs, DELAY_MODES, type DelayMode, WEEKDAYS, type Weekday } from './delay/delay.config';
export { delayDue, type DelayDue } from './delay/delay-due-time';
export { delayLabel, weekdaysLabel } from './delay/delay-label';
export { RandomizerConfig, pickVariant } from './randomizer/randomizer.block';
export { FollowGateConfig } from './follow-gate/follow-gate.block';
export { TagConfig } from './tag/tag.block';
export { SetVariableConfig } from './set-variable/set-variable.block';
export { AiReplyConfig } from './ai-reply/ai-reply.block';
export { AiRouterConfig, OTHER_INTENT } from './ai-router/ai-router.block';
export { HttpRequestConfig } from './http-request/http-request.config';
export { EndConfig } from './end/end.block';
export { SubscriptionConfig } from './subscription/subscription.block';
export {
  ModerateCommentConfig,
  COMMENT_MODERATIONS,
  moderationLabel,
  type CommentModeration,
} from './moderate-comment/moderate-comment.block';
export { HandoverConfig, HANDOVER_ASSIGNMENTS, type HandoverAssignment } from './handover/handover.block';
export { StartFlowConfig } from './start-flow/start-flow.block';
export {
  NotifyTeamConfig,
  NOTIFY_RECIPIENTS,
  WORKSPACE_ROLES,
  type NotifyRecipients,
  type WorkspaceRole,
} from './notify-team/notify-team.config';
export { notifyTeamSummary } from './notify-team/notify-team.block';
