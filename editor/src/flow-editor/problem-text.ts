import { blockDefinition, type FieldDescriptor, type FlowGraph, type FlowProblem, isBlockType } from '@dmflow/shared';

/** The validator speaks of ports and nodes; the author sees blocks, exits and Instagram's rules. */
const PLAIN_WORDING: [RegExp, (...groups: string[]) => string][] = [
  [/^port "(.+)" is not connected; .*$/, (port) => `the “${port}” exit leads nowhere: connect it to a block, or set it to “Ends the flow”`],
  [/^port "(.+)" is connected twice$/, (port) => `the “${port}” exit is connected twice; keep one link`],
  [
    /^this block can never be reached from the trigger$/,
    () => 'nothing leads to this block, so it never runs; connect an exit to it or delete it',
  ],
  [/^the flow has no trigger$/, () => 'the flow has no Trigger block; add one from the palette to say when the flow starts'],
  [/^nothing may lead into the trigger$/, () => 'an exit leads back into the Trigger; link it to another block'],
  [
    /^after the private reply, this message waits until the person answers; .*$/,
    () =>
      'Instagram allows one message after a comment until the person replies, so this message waits until they answer. ' +
      'Add a button or quick reply to the first message so they can answer in one tap.',
  ],
  [
    /^the private reply to the comment may come more than 7 days after it; .*$/,
    () => 'this first message may be sent more than 7 days after the comment, and Instagram refuses replies that late',
  ],
  [
    /^a delay or question timeout may push this message past Instagram's 24-hour messaging window$/,
    () => "a delay or a question's waiting time may push this message past Instagram's 24-hour messaging window",
  ],
];

function plain(message: string): string {
  for (const [pattern, wording] of PLAIN_WORDING) {
    const match = pattern.exec(message);
    if (match) return wording(...match.slice(1));
  }
  return message;
}

/** "Quick replies 2 · Title" for `quickReplies.1.title`: the labels the author sees in the inspector. */
export function fieldLabel(fields: readonly FieldDescriptor[], path: string): string {
  const [name, index, ...rest] = path.split('.');
  const field = fields.find((candidate) => candidate.name === name);
  if (!field) return path;
  if (index === undefined) return field.label;
  const item = /^\d+$/.test(index) ? `${field.label} ${Number(index) + 1}` : field.label;
  const inner = /^\d+$/.test(index) ? rest : [index, ...rest];
  return inner.length ? `${item} · ${fieldLabel(field.itemFields ?? [], inner.join('.'))}` : item;
}

/** A block's name as the author sees it on the canvas. */
export function blockName(graph: FlowGraph, nodeId: string | null): string | null {
  const node = nodeId ? graph.nodes.find((candidate) => candidate.id === nodeId) : undefined;
  if (!node) return null;
  return node.data.title || (isBlockType(node.type) ? blockDefinition(node.type).label : node.type);
}

/** The problem in plain words, without the block's name (shown inside the block's own settings). */
export function problemDetail(graph: FlowGraph, problem: FlowProblem): string {
  const node = problem.nodeId ? graph.nodes.find((candidate) => candidate.id === problem.nodeId) : undefined;
  const label = () =>
    node && isBlockType(node.type) && problem.field ? fieldLabel(blockDefinition(node.type).fields, problem.field) : problem.field;
  if (problem.field && problem.message === `${problem.field} is required`) return `${label()} is required`;
  if (problem.field && problem.message.startsWith(`${problem.field}: `)) {
    const detail = problem.message.slice(problem.field.length + 2);
    return `${label()}: ${detail}`;
  }
  return plain(problem.message);
}

/** "Ask for email: the “Next” exit leads nowhere…": which block, and what to do, in the author's words. */
export function describeProblem(graph: FlowGraph, problem: FlowProblem): string {
  const name = blockName(graph, problem.nodeId);
  const detail = problemDetail(graph, problem);
  return name ? `${name}: ${detail}` : detail[0].toUpperCase() + detail.slice(1);
}
