import type { RunContext } from '../kernel/run-context';
import type { RunEvent } from '../kernel/run-events';

export type AiOutcomeEvent = Extract<RunEvent, { type: 'ai.answered' | 'ai.failed' }>;

/** The answer to the AI call the node waits for; null for any other event (or a stale answer). */
export function aiEventFor(event: RunEvent, context: RunContext): AiOutcomeEvent | null {
  if (event.type !== 'ai.answered' && event.type !== 'ai.failed') return null;
  return event.effectKey === context.node.pendingEffectKey ? event : null;
}
