import type { AiTask } from '../ai/ai-task';
import type { MessageRecipient, OutgoingMessage } from '../instagram/outgoing-message';
import type { FlowCompletedPayload, QuestionAnsweredPayload } from './webhook-payloads';

export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
}

export type TimerPurpose = 'delay' | 'question_timeout';

export type WebhookEvent =
  { name: 'question_answered'; payload: QuestionAnsweredPayload } | { name: 'flow_completed'; payload: FlowCompletedPayload };

/** Side effects as data. The machine never performs them; the server's handlers (or the editor's simulator) do. */
export type EffectDraft =
  | { type: 'send_message'; recipient: MessageRecipient; message: OutgoingMessage }
  | { type: 'reply_comment'; commentId: string; text: string }
  | { type: 'http_request'; request: HttpRequestSpec }
  | { type: 'emit_event'; event: WebhookEvent }
  | { type: 'schedule_timer'; purpose: TimerPurpose; delayMs: number }
  /** Read the contact's Graph API user profile (is_user_follow_business); answered by a `profile.fetched` event. */
  | { type: 'fetch_profile' }
  /** Ask the workspace's AI model (or the local provider); answered by an `ai.answered` or `ai.failed` event. */
  | { type: 'ai_complete'; task: AiTask };

interface EffectStamp {
  /** Stable idempotency key, `<runId>:<seq>:<index>`. */
  key: string;
  /** The block that produced it. */
  nodeId: string;
}

/** An effect stamped by the compiled machine. A timer's `timerId` (`<runId>:<nodeId>:<seq>`) is its delayed job id. */
export type Effect =
  | (Exclude<EffectDraft, { type: 'schedule_timer' }> & EffectStamp)
  | (Extract<EffectDraft, { type: 'schedule_timer' }> & EffectStamp & { timerId: string });

export type EffectType = EffectDraft['type'];

export type EffectOf<T extends EffectType> = Extract<Effect, { type: T }>;
