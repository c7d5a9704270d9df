import type { BlockDefinition, StepResult } from '../kernel/block-definition';
import { toConfig } from '../kernel/config-validation';
import { initialRunContext, type RunContext, type RunInput } from '../kernel/run-context';
import type { RunEvent } from '../kernel/run-events';

export const AT = '2026-04-29T17:11:59.000Z';

export function runInput(overrides: Partial<RunInput> = {}): RunInput {
  return {
    runId: 'run1',
    flowId: 'flow1',
    flowName: 'Lead Gen Flow',
    contact: { id: '2358708294634624', username: 'user123', followsBusiness: null, fields: { city: 'Paris' } },
    trigger: { kind: 'dm', text: 'guide' },
    startedAt: AT,
    ...overrides,
  };
}

export function runContext(overrides: Partial<RunContext> = {}, input: Partial<RunInput> = {}): RunContext {
  return { ...initialRunContext(runInput(input), 'node1'), ...overrides };
}

/** Runs a block's `enter` with its defaults overridden by `config`. */
export function enter<T extends object>(block: BlockDefinition<T>, config: Partial<T>, context: RunContext = runContext()): StepResult {
  return block.enter({ config: toConfig(block, { ...block.defaults(), ...config }), context, nodeId: 'node1' });
}

export function onEvent<T extends object>(
  block: BlockDefinition<T>,
  config: Partial<T>,
  event: RunEvent,
  context: RunContext = runContext(),
): StepResult {
  if (!block.onEvent) throw new Error(`${block.type} never waits`);
  return block.onEvent({ config: toConfig(block, { ...block.defaults(), ...config }), context, nodeId: 'node1', event });
}

export const message = (text: string, quickReplyPayload?: string): RunEvent => ({
  type: 'contact.message',
  text,
  quickReplyPayload,
  at: AT,
});
