import type { AiTask } from '../ai/ai-task';
import type { MessageRecipient, OutgoingMessage } from '../instagram/outgoing-message';
import type { VariableValue } from './run-context';
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
  /** Hide, unhide or delete a comment on the business's media (POST /{comment-id}?hide=…, DELETE /{comment-id}). */
  | { type: 'moderate_comment'; commentId: string; action: 'hide' | 'unhide' | 'delete' }
  | { type: 'http_request'; request: HttpRequestSpec }
  | { type: 'emit_event'; event: WebhookEvent }
  /** `dueAt` (ISO-8601), when given, is the exact instant (a smart delay's window opening); else reaching the wait + delayMs. */
  | { type: 'schedule_timer'; purpose: TimerPurpose; delayMs: number; dueAt?: string }
  /** Read the contact's Graph API user profile (is_user_follow_business); answered by a `profile.fetched` event. */
  | { type: 'fetch_profile' }
  /** Opt the contact out of broadcasts and flow starts (false) or back in (true). */
  | { type: 'set_subscription'; subscribed: boolean }
  /** Pause automation for the contact, assign the conversation and emit `handover_requested` (the handover block). */
  | {
      type: 'hand_over';
      assignTo: 'round_robin' | 'person' | 'nobody';
      assigneeUserId: string | null;
      /** 0: until a person resumes. */
      pauseMinutes: number;
      note: string;
    }
  /**
   * End this run and start a run of another flow's published version for the same contact (the "Start another flow"
   * block). `variables` are the ones carried over (empty when the block does not carry them).
   */
  | { type: 'start_flow'; flowId: string; variables: Record<string, VariableValue> }
  /**
   * Tell the team (the "Notify the team" block): an inbox notification for each chosen member (`members`; null: none),
   * emailed too when `email` and the server has SMTP, and/or a POST `{"text": …}` to a Slack-compatible webhook.
   */
  | {
      type: 'notify_team';
      text: string;
      members:
        | { kind: 'all' }
        | { kind: 'roles'; roles: Array<'viewer' | 'editor' | 'admin' | 'owner'> }
        | { kind: 'members'; userIds: string[] }
        | null;
      email: boolean;
      slackWebhookUrl: string | null;
    }
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
