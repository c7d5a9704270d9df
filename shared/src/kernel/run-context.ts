export type VariableValue = string | number | boolean | null;

export interface RunContact {
  /** Instagram-scoped user id (IGSID) of the person. */
  id: string;
  username: string | null;
  /** Whether the person follows the business account, as last read from the Graph API user profile; null when unknown. */
  followsBusiness: boolean | null;
  /** Contact fields the condition block can test (e.g. name, email, language). */
  fields: Record<string, string>;
}

export type TriggerKind =
  | 'comment'
  | 'live_comment'
  | 'story_reply'
  | 'dm'
  | 'postback'
  | 'story_mention'
  | 'mention'
  | 'ref_url'
  | 'manual'
  /** Another run handed the contact over ("Start another flow"); the other fields are that run's trigger's. */
  | 'started_by_flow';

/** What started the run, as the trigger matcher saw it. */
export interface TriggerContext {
  kind: TriggerKind;
  text?: string;
  commentId?: string;
  /** When the comment was made (ISO-8601): a private reply must go out within 7 days of it. */
  commentedAt?: string;
  mediaId?: string;
  storyId?: string;
  payload?: string;
  /** The story the person mentioned the business in (Meta's CDN URL; it expires). */
  storyUrl?: string;
  /** The ig.me link's `ref`. */
  ref?: string;
  /** For `started_by_flow`: the run that handed over. */
  fromRunId?: string;
}

/** Triggers on a comment (a mention is one too): the first send goes out as that comment's private reply. */
export function startsFromComment(kind: TriggerKind): boolean {
  return kind === 'comment' || kind === 'live_comment' || kind === 'mention';
}

/**
 * Instagram's messaging window as the run sees it (reference/meta-instagram-api.md §2.3–2.4):
 * - `open`: the person wrote to us; we may send.
 * - `private_reply_available`: started from a comment; the next send goes out as the comment's one private reply.
 * - `awaiting_contact`: the private reply is used; we may only send again after the person answers.
 */
export type ConversationMode = 'open' | 'private_reply_available' | 'awaiting_contact';

/** The connected Instagram account's clock and language: smart delays and date answers read them. */
export interface RunAccount {
  /** IANA time zone, e.g. `Europe/London`. */
  timeZone: string;
  /** BCP 47 locale, e.g. `en-GB`: the day/month order of typed dates. */
  locale: string;
}

/** What a run assumes when the account has none (runs saved before accounts had a time zone). */
export const DEFAULT_RUN_ACCOUNT: RunAccount = { timeZone: 'UTC', locale: 'en-US' };

/** The run's account settings, with the defaults for a context saved before they existed. */
export function runAccount(context: Pick<RunContext, 'account'>): RunAccount {
  return context.account ?? DEFAULT_RUN_ACCOUNT;
}

export interface RunInput {
  runId: string;
  flowId: string;
  flowName: string;
  contact: RunContact;
  trigger: TriggerContext;
  /** ISO-8601 time the run starts; the machine never reads a clock itself. */
  startedAt: string;
  /** The contact's tags when the run starts: conditions test them, flow_completed reports them. */
  tags?: string[];
  /** The connected account's time zone and locale; omitted: UTC and en-US. */
  account?: RunAccount;
  /** Set when another run handed the contact over to this flow ("Start another flow"). */
  handover?: RunHandover;
}

/** What a run started by a hand-over takes from the run that handed over. */
export interface RunHandover {
  /** Hand-overs in a row that led to this run (1 when a run started by a trigger handed over). */
  count: number;
  /** The variables carried over; empty when the block did not carry them. */
  variables: Record<string, VariableValue>;
  /** Instagram's messaging window as the other run left it: a private reply already used stays used. */
  conversation: RunContext['conversation'];
  lastMessage: string | null;
}

/** Per-node bookkeeping, reset whenever the run enters a node. */
export interface NodeState {
  nodeId: string;
  /** Answers tried at a question (1-based after the first answer). */
  attempts: number;
  /** The timer this node waits for; any other timer is stale. */
  timerId?: string;
  /** The effect whose result this node waits for (http_request, fetch_profile). */
  pendingEffectKey?: string;
  /** A send postponed until the contact answers a private reply. */
  deferred?: boolean;
  /** The port chosen by the last step; the compiled machine follows it. */
  port?: string;
}

export interface RunContext {
  runId: string;
  flowId: string;
  flowName: string;
  contact: RunContact;
  trigger: TriggerContext;
  /** Omitted in contexts saved before accounts had a time zone: read it through runAccount(). */
  account?: RunAccount;
  variables: Record<string, VariableValue>;
  tags: string[];
  conversation: { mode: ConversationMode; commentId?: string };
  /** Text of the person's last message, for AI replies and templates. */
  lastMessage: string | null;
  /** Time of the event being processed (ISO-8601). */
  now: string;
  /** Incremented at each step; makes effect keys and timer ids unique and stable. */
  seq: number;
  node: NodeState;
  /** Hand-overs in a row that led to this run; absent for a run its trigger started. */
  handovers?: number;
}

export function initialRunContext(input: RunInput, firstNodeId: string): RunContext {
  const fromComment = startsFromComment(input.trigger.kind);
  const started: RunContext = {
    runId: input.runId,
    flowId: input.flowId,
    flowName: input.flowName,
    contact: input.contact,
    trigger: input.trigger,
    ...(input.account ? { account: input.account } : {}),
    variables: {},
    tags: [...(input.tags ?? [])],
    conversation:
      fromComment && input.trigger.commentId ? { mode: 'private_reply_available', commentId: input.trigger.commentId } : { mode: 'open' },
    lastMessage: input.trigger.kind === 'dm' || input.trigger.kind === 'story_reply' ? (input.trigger.text ?? null) : null,
    now: input.startedAt,
    seq: 0,
    node: { nodeId: firstNodeId, attempts: 0 },
  };
  if (!input.handover) return started;
  // A run handed over takes the conversation as the other run left it, and the variables it carried.
  const { count, variables, conversation, lastMessage } = input.handover;
  return { ...started, variables: { ...variables }, conversation, lastMessage, handovers: count };
}

/** Values `{{name}}` placeholders can use: variables by name, plus `contact.*` and `trigger.*`. */
export function templateValues(context: RunContext): Record<string, unknown> {
  return {
    ...context.variables,
    contact: { id: context.contact.id, username: context.contact.username, ...context.contact.fields },
    trigger: context.trigger,
    flow: { id: context.flowId, name: context.flowName },
  };
}
