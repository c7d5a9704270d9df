import type { FlowGraph } from '@dmflow/shared';
import { readList, readText } from '../blocks/config-readers';

const BUILT_IN = ['contact.username', 'contact.id', 'trigger.text', 'flow.name'];

/** Every `{{name}}` a template in this flow can use: variables the flow saves, then built-ins. */
export function flowVariables(graph: FlowGraph): string[] {
  const saved = graph.nodes.flatMap((node) => {
    const config = node.data.config;
    switch (node.type) {
      case 'question':
      case 'set_variable':
        return [readText(config, 'variable')];
      case 'ai_reply':
        return [readText(config, 'saveAs')];
      case 'http_request':
        return readList(config, 'saveResponse').map((mapping) => readText(mapping, 'variable'));
      default:
        return [];
    }
  });
  return [...new Set(saved.filter(Boolean)), ...BUILT_IN];
}
