import { BLOCKS } from '../blocks';
import type { AnswerOutcome, BlockDefinition } from '../kernel/block-definition';
import { isBlockType } from '../kernel/block-type';
import { toConfig } from '../kernel/config-validation';
import type { FlowNode } from './flow-graph';

/** Whether a run parked at this node takes the contact's next message or tap as its input (questions, branching buttons). */
export function nodeAwaitsContactInput(node: FlowNode): boolean {
  if (!isBlockType(node.type)) return false;
  const definition: BlockDefinition = BLOCKS[node.type];
  return definition.awaitsContactInput?.(toConfig(definition, node.data?.config)) ?? false;
}

/** For a node that waits for the contact's answer (a question): the answer outcome each port stands for; null for other nodes. */
export function answerOutcomes(node: FlowNode): Map<string, AnswerOutcome> | null {
  if (!isBlockType(node.type) || !nodeAwaitsContactInput(node)) return null;
  const definition: BlockDefinition = BLOCKS[node.type];
  const outcomes = new Map<string, AnswerOutcome>();
  for (const port of definition.ports(toConfig(definition, node.data?.config))) if (port.answer) outcomes.set(port.id, port.answer);
  return outcomes;
}
