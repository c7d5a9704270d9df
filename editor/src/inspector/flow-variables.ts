import type { FlowGraph } from '@dmflow/shared';
import { readBlockConfig } from '../blocks/read-block-config';

const BUILT_IN = ['contact.username', 'contact.id', 'trigger.text', 'flow.name'];

/** Every `{{name}}` a template in this flow can use: variables the flow saves, then built-ins. */
export function flowVariables(graph: FlowGraph): string[] {
  const saved = graph.nodes.flatMap((node) => {
    const config = node.data.config;
    switch (node.type) {
      case 'question':
      case 'set_variable':
        return [readBlockConfig(node.type, config).variable];
      case 'ai_reply':
        return [readBlockConfig(node.type, config).saveAs];
      case 'ai_router': {
        const router = readBlockConfig(node.type, config);
        return [router.intentVariable, router.confidenceVariable];
      }
      case 'http_request':
        return readBlockConfig(node.type, config).saveResponse.map((mapping) => mapping.variable);
      default:
        return [];
    }
  });
  return [...new Set(saved.filter((name): name is string => Boolean(name))), ...BUILT_IN];
}
