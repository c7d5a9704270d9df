import { BLOCKS } from '../blocks';
import { toConfig } from '../kernel/config-validation';
import type { TriggerConfig } from '../blocks/trigger/trigger.config';
import type { FlowGraph } from './flow-graph';

/** The typed config of a flow's trigger, for the trigger matcher (ingestion); null when the flow has none. */
export function flowTrigger(graph: FlowGraph): TriggerConfig | null {
  const node = graph.nodes.find((candidate) => candidate.type === 'trigger');
  return node ? toConfig(BLOCKS.trigger, node.data?.config) : null;
}
