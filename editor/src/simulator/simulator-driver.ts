import {
  type AiAnswer,
  type AiTask,
  applyEvent,
  localAiAnswer,
  compileFlow,
  FlowCompileError,
  type Effect,
  type FlowGraph,
  type FlowMachine,
  type PersistedRunSnapshot,
  type RunEvent,
  type RunStep,
  type TriggerConfig,
  type RunAccount,
  type TriggerContext,
  keywordsMatch,
  startRun,
  triggerConditions,
  TEXTLESS_SOURCES,
} from '@dmflow/shared';
import { type ChatBubble, effectBubble } from './chat-bubble';

export interface PendingTimer {
  timerId: string;
  delayMs: number;
  /** A delay block's wait, or a question's answer timeout. */
  purpose: 'delay' | 'timeout';
  /** When a smart delay ends (a business-hours window's opening, a date), ISO-8601 on the preview's clock. */
  dueAt?: string;
}

/** How the preview answers an HTTP request block: the outside world the browser does not call. */
export type HttpOutcome = 'success' | 'error' | 'timeout';

export interface SimulationOptions {
  /** What the contact typed or commented to start the flow. */
  triggerText?: string;
  followsBusiness?: boolean;
  httpOutcome?: HttpOutcome;
  startedAt?: Date;
  /** The time zone and locale smart delays and date answers are read in; default: this browser's. */
  account?: RunAccount;
  /**
   * `server`: AI blocks wait for `answerAi` (the panel asks the workspace's provider through the server);
   * `local` (default): the offline local provider answers at once, in the browser.
   */
  ai?: 'local' | 'server';
}

/** An AI block's call the preview waits for, when the server answers them. */
export interface PendingAiCall {
  effectKey: string;
  task: AiTask;
}

export interface Simulation {
  status: 'running' | 'done' | 'invalid';
  bubbles: ChatBubble[];
  /** The node the run waits at, for highlighting on the canvas. */
  activeNodeId: string | null;
  timers: PendingTimer[];
  /** Why the flow cannot run (compile errors). */
  problems: string[];
  clock: number;
  machine: FlowMachine | null;
  snapshot: PersistedRunSnapshot | null;
  followsBusiness: boolean;
  httpOutcome: HttpOutcome;
  ai: 'local' | 'server';
  pendingAi: PendingAiCall | null;
}

/** Without an account to preview for, the author's own clock and language. */
function browserAccount(): RunAccount {
  const { timeZone, locale } = Intl.DateTimeFormat().resolvedOptions();
  return { timeZone: timeZone || 'UTC', locale: locale || 'en-US' };
}

function triggerContext(graph: FlowGraph, text: string): TriggerContext {
  const config = graph.nodes.find((node) => node.type === 'trigger')?.data.config ?? {};
  switch (config.source) {
    case 'comment':
      return {
        kind: 'comment',
        text,
        commentId: 'simulated-comment',
        mediaId: typeof config.mediaId === 'string' ? config.mediaId : 'simulated-post',
      };
    case 'live_comment':
      return { kind: 'live_comment', text, commentId: 'simulated-comment' };
    case 'story_reply':
      return { kind: 'story_reply', text, storyId: 'simulated-story' };
    case 'postback':
      return { kind: 'postback', payload: typeof config.payload === 'string' ? config.payload : '' };
    case 'story_mention':
      return { kind: 'story_mention', storyUrl: 'https://cdn.example/simulated-story.jpg' };
    case 'mention':
      return { kind: 'mention', text, commentId: 'simulated-comment', mediaId: 'simulated-post' };
    case 'ref_url':
      return { kind: 'ref_url', ref: typeof config.ref === 'string' ? config.ref : '' };
    default:
      return { kind: 'dm', text };
  }
}

/** How the event that starts the preview shows in the chat. */
function openingText(trigger: TriggerContext, text: string): string {
  switch (trigger.kind) {
    case 'comment':
    case 'live_comment':
      return `💬 commented “${text}”`;
    case 'mention':
      return `@ mentioned you: “${text}”`;
    case 'story_mention':
      return '◎ mentioned you in their story';
    case 'ref_url':
      return `🔗 opened your link ?ref=${trigger.ref ?? ''}`;
    default:
      return text;
  }
}

/** Whether this text fires one of the trigger's keyword conditions of its own kind (comment, DM, story reply). */
function startsTheFlow(graph: FlowGraph, text: string): boolean {
  const config = graph.nodes.find((node) => node.type === 'trigger')?.data.config as TriggerConfig | undefined;
  if (!config || TEXTLESS_SOURCES.includes(config.source)) return true;
  return triggerConditions(config)
    .filter((condition) => condition.source === config.source)
    .some((condition) => keywordsMatch(condition, text));
}

/** The first keyword: a comment that starts the flow, which the author can then change in the preview. */
export function defaultTriggerText(graph: FlowGraph): string {
  const keywords = graph.nodes.find((node) => node.type === 'trigger')?.data.config.keywords;
  return Array.isArray(keywords) && typeof keywords[0] === 'string' ? keywords[0] : 'hi';
}

function httpAnswer(effectKey: string, outcome: HttpOutcome, at: string): RunEvent {
  switch (outcome) {
    case 'success':
      return { type: 'http.responded', effectKey, status: 200, body: {}, at };
    case 'error':
      return { type: 'http.responded', effectKey, status: 500, body: { error: 'simulated server error' }, at };
    case 'timeout':
      return { type: 'http.failed', effectKey, error: 'timed out (simulated)', at };
  }
}

/** Answers the effects only the outside world could (HTTP, profile reads) with the events production would receive. */
function followUpEvents(effects: Effect[], simulation: Simulation): RunEvent[] {
  const at = new Date(simulation.clock).toISOString();
  return effects.flatMap((effect): RunEvent[] => {
    if (effect.type === 'http_request') return [httpAnswer(effect.key, simulation.httpOutcome, at)];
    if (effect.type === 'fetch_profile')
      return [{ type: 'profile.fetched', effectKey: effect.key, followsBusiness: simulation.followsBusiness, at }];
    if (effect.type === 'ai_complete' && simulation.ai === 'local')
      return [{ type: 'ai.answered', effectKey: effect.key, answer: localAiAnswer(effect.task), at }];
    return [];
  });
}

// Only the timer the current node waits for can move the run; older ones are stale, as on the server.
function waitingTimers(known: PendingTimer[], step: RunStep): PendingTimer[] {
  const scheduled = step.effects.flatMap((effect) =>
    effect.type === 'schedule_timer'
      ? [
          {
            timerId: effect.timerId,
            delayMs: effect.delayMs,
            purpose: effect.purpose === 'delay' ? ('delay' as const) : ('timeout' as const),
            ...(effect.dueAt ? { dueAt: effect.dueAt } : {}),
          },
        ]
      : [],
  );
  const awaited = step.snapshot.context.node.timerId;
  if (step.done || !awaited) return [];
  return [...known, ...scheduled].filter((timer) => timer.timerId === awaited).slice(0, 1);
}

function pendingAiOf(simulation: Simulation, step: RunStep): PendingAiCall | null {
  if (simulation.ai === 'local' || step.done) return null;
  const call = step.effects.find((effect) => effect.type === 'ai_complete');
  if (call) return { effectKey: call.key, task: call.task };
  return step.effects.length === 0 ? simulation.pendingAi : null;
}

function absorb(simulation: Simulation, step: RunStep): Simulation {
  let next: Simulation = {
    ...simulation,
    pendingAi: pendingAiOf(simulation, step),
    snapshot: step.snapshot,
    activeNodeId: step.nodeId,
    status: step.done ? 'done' : 'running',
    bubbles: [...simulation.bubbles, ...step.effects.flatMap((effect) => effectBubble(effect) ?? [])],
    timers: waitingTimers(simulation.timers, step),
  };
  for (const event of followUpEvents(step.effects, next)) {
    if (next.status !== 'running' || !next.machine || !next.snapshot) break;
    next = absorb(next, applyEvent(next.machine, next.snapshot, event));
  }
  return next;
}

/** Runs the flow's compiled machine — the one the server runs — from its trigger to the first wait. */
export function startSimulation(graph: FlowGraph, options: SimulationOptions = {}): Simulation {
  const clock = (options.startedAt ?? new Date()).getTime();
  const empty: Simulation = {
    status: 'running',
    bubbles: [],
    activeNodeId: null,
    timers: [],
    problems: [],
    clock,
    machine: null,
    snapshot: null,
    followsBusiness: options.followsBusiness ?? true,
    httpOutcome: options.httpOutcome ?? 'success',
    ai: options.ai ?? 'local',
    pendingAi: null,
  };
  let machine: FlowMachine;
  try {
    machine = compileFlow(graph);
  } catch (error) {
    if (error instanceof FlowCompileError) return { ...empty, status: 'invalid', problems: error.errors.map((problem) => problem.message) };
    throw error;
  }
  const text = options.triggerText ?? defaultTriggerText(graph);
  const trigger = triggerContext(graph, text);
  if (!startsTheFlow(graph, text)) {
    return {
      ...empty,
      status: 'done',
      bubbles: [
        { id: 'trigger', from: 'contact', text: trigger.kind === 'comment' ? `💬 commented “${text}”` : text },
        {
          id: 'no-match',
          from: 'system',
          text: `“${text}” has none of the trigger's keywords: on Instagram this would not start the flow.`,
        },
      ],
    };
  }
  const opening: ChatBubble[] =
    trigger.kind === 'postback'
      ? []
      : [
          {
            id: 'trigger',
            from: 'contact',
            text: openingText(trigger, text),
          },
        ];
  const step = startRun(machine, {
    runId: 'simulation',
    flowId: 'simulation',
    flowName: 'Preview',
    contact: { id: 'simulated-contact', username: 'preview_user', followsBusiness: empty.followsBusiness, fields: {} },
    trigger,
    startedAt: new Date(clock).toISOString(),
    account: options.account ?? browserAccount(),
  });
  return absorb({ ...empty, machine, bubbles: opening }, step);
}

function deliver(simulation: Simulation, event: RunEvent, bubble: ChatBubble | null): Simulation {
  if (simulation.status !== 'running' || !simulation.machine || !simulation.snapshot) return simulation;
  const withBubble = bubble ? { ...simulation, bubbles: [...simulation.bubbles, bubble] } : simulation;
  return absorb(withBubble, applyEvent(simulation.machine, simulation.snapshot, event));
}

let bubbleCounter = 0;
const contactBubble = (text: string): ChatBubble => ({ id: `contact-${++bubbleCounter}`, from: 'contact', text });

export function sendText(simulation: Simulation, text: string): Simulation {
  return deliver(simulation, { type: 'contact.message', text, at: new Date(simulation.clock).toISOString() }, contactBubble(text));
}

export function tapQuickReply(simulation: Simulation, title: string, payload: string): Simulation {
  return deliver(
    simulation,
    { type: 'contact.message', text: title, quickReplyPayload: payload, at: new Date(simulation.clock).toISOString() },
    contactBubble(title),
  );
}

export function tapButton(simulation: Simulation, title: string, payload: string): Simulation {
  return deliver(
    simulation,
    { type: 'contact.postback', payload, title, at: new Date(simulation.clock).toISOString() },
    contactBubble(title),
  );
}

/** Skips time to the pending timer and fires it, as the timers queue would. */
export function fastForward(simulation: Simulation): Simulation {
  const [timer, ...rest] = simulation.timers;
  if (!timer) return simulation;
  const clock = timer.dueAt ? Date.parse(timer.dueAt) : simulation.clock + timer.delayMs;
  return deliver(
    { ...simulation, clock, timers: rest },
    { type: 'timer.fired', timerId: timer.timerId, at: new Date(clock).toISOString() },
    null,
  );
}

export type AiPreviewOutcome = { answer: AiAnswer } | { error: string };

/** Feeds the answer to the AI call the preview waits for (from the server's preview endpoint) back to the run. */
export function answerAi(simulation: Simulation, effectKey: string, outcome: AiPreviewOutcome): Simulation {
  if (simulation.pendingAi?.effectKey !== effectKey) return simulation;
  const at = new Date(simulation.clock).toISOString();
  const event: RunEvent =
    'answer' in outcome
      ? { type: 'ai.answered', effectKey, answer: outcome.answer, at }
      : { type: 'ai.failed', effectKey, error: outcome.error, at };
  return deliver({ ...simulation, pendingAi: null }, event, null);
}
