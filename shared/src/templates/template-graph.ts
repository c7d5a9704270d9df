import { BLOCKS } from '../blocks';
import { FLOW_SCHEMA_VERSION, type FlowEdge, type FlowGraph, type FlowNode } from '../flow/flow-graph';
import type { BlockConfigs } from '../blocks';
import type { BlockType } from '../kernel/block-type';
import type { PostChoice } from './flow-template';

const COLUMN = 300;
const ROW = 220;

/**
 * Builds a template's graph from catalogue blocks: each config starts from the block's defaults, and blocks are laid
 * out left to right in the order added (a `row` offsets side branches), so the canvas opens tidy.
 */
export class TemplateGraph {
  private readonly nodes: FlowNode[] = [];
  private readonly edges: FlowEdge[] = [];

  add<T extends BlockType>(
    id: string,
    type: T,
    config: Partial<BlockConfigs[T]>,
    options: { column: number; row?: number; title?: string; terminalPorts?: string[] },
  ): this {
    this.nodes.push({
      id,
      type,
      position: { x: options.column * COLUMN, y: (options.row ?? 0) * ROW },
      data: {
        config: { ...BLOCKS[type].defaults(), ...config },
        ...(options.title ? { title: options.title } : {}),
        ...(options.terminalPorts ? { terminalPorts: options.terminalPorts } : {}),
      },
    });
    return this;
  }

  link(source: string, port: string, target: string): this {
    this.edges.push({ id: `${source}.${port}->${target}`, source, sourceHandle: port, target });
    return this;
  }

  build(): FlowGraph {
    return { schemaVersion: FLOW_SCHEMA_VERSION, nodes: this.nodes, edges: this.edges };
  }
}

/** The comment trigger's post settings for a wizard's post choice. */
export function postSettings(post: PostChoice): { postScope: 'any' | 'next' | 'specific'; mediaId?: string } {
  return post.scope === 'specific' ? { postScope: 'specific', mediaId: post.mediaId } : { postScope: post.scope };
}

export const message = (text: string, extra: Partial<BlockConfigs['send_message']> = {}): Partial<BlockConfigs['send_message']> => ({
  kind: 'text',
  text,
  buttons: [],
  cards: [],
  quickReplies: [],
  ...extra,
});

/** A question asking for an email address into `{{email}}`; a wrong answer is asked again. */
export const emailQuestion = (text: string): Partial<BlockConfigs['question']> => ({
  questionType: 'email',
  text,
  variable: 'email',
  invalidMessage: "That doesn't look like an email address. Try again?",
});
