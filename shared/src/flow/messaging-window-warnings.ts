import type { FlowProblem } from './flow-problem';
import type { GraphIndex, IndexedNode } from './graph-index';

const HOUR_MS = 3_600_000;
const WINDOW_MS = 24 * HOUR_MS;
const PRIVATE_REPLY_MS = 7 * 24 * HOUR_MS;
// Longest silence we track; beyond it every send is already warned about, and loops stop growing.
const CAP_MS = 2 * PRIVATE_REPLY_MS;

/** Silence (ms since the contact last wrote) after leaving `node` through `port`, given the silence on entry. */
function silenceAfter(indexed: IndexedNode, port: string, entry: number): number {
  return indexed.definition.messagingWindow?.silenceAfter?.(indexed.config, port, entry) ?? entry;
}

/** Longest silence before each node, by relaxing over the graph (bounded, so loops end). */
function longestSilence(index: GraphIndex, start: IndexedNode): Map<string, number> {
  const silence = new Map<string, number>([[start.node.id, 0]]);
  const queue = [start.node.id];
  while (queue.length) {
    const nodeId = queue.shift() as string;
    const indexed = index.nodes.get(nodeId) as IndexedNode;
    for (const { port, target } of index.successors(nodeId)) {
      const next = Math.min(CAP_MS, silenceAfter(indexed, port, silence.get(nodeId) ?? 0));
      if (next > (silence.get(target.node.id) ?? -1)) {
        silence.set(target.node.id, next);
        queue.push(target.node.id);
      }
    }
  }
  return silence;
}

function invitesAnswer(indexed: IndexedNode): boolean {
  return indexed.definition.messagingWindow?.invitesAnswer?.(indexed.config) ?? false;
}

/** After a comment's private reply, sends wait for the contact's answer; a second send with no question between is suspicious. */
function privateReplyWarnings(index: GraphIndex, trigger: IndexedNode, silence: Map<string, number>): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const seen = new Set<string>();
  // `invited`: the private reply carries buttons or quick replies, so the person has an obvious way to answer.
  type Phase = 'fresh' | 'used' | 'invited';
  const queue: { nodeId: string; phase: Phase }[] = [{ nodeId: trigger.node.id, phase: 'fresh' }];
  while (queue.length) {
    const { nodeId, phase } = queue.shift() as { nodeId: string; phase: Phase };
    const key = `${nodeId}:${phase}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const indexed = index.nodes.get(nodeId) as IndexedNode;
    let next: Phase = phase;
    if (indexed.definition.sendsMessage) {
      if (phase === 'fresh' && (silence.get(nodeId) ?? 0) > PRIVATE_REPLY_MS) {
        problems.push({ nodeId, message: 'the private reply to the comment may come more than 7 days after it; Instagram will refuse it' });
      }
      if (phase === 'used') {
        problems.push({
          nodeId,
          message: 'after the private reply, this message waits until the person answers; give the reply a button or quick reply',
        });
      }
      if (phase === 'fresh') next = invitesAnswer(indexed) ? 'invited' : 'used';
    }
    for (const { port, target } of index.successors(nodeId)) {
      // An answer (e.g. to a question) opens the messaging window.
      const opened = indexed.definition.messagingWindow?.answeredBy?.(port) ?? false;
      if (!opened) queue.push({ nodeId: target.node.id, phase: next });
    }
  }
  return problems;
}

export function messagingWindowWarnings(index: GraphIndex): FlowProblem[] {
  const trigger = index.triggers()[0];
  if (!trigger) return [];
  const silence = longestSilence(index, trigger);
  const problems: FlowProblem[] = [];
  for (const [nodeId, indexed] of index.nodes) {
    if (indexed.definition.sendsMessage && (silence.get(nodeId) ?? 0) > WINDOW_MS) {
      problems.push({ nodeId, message: "a delay or question timeout may push this message past Instagram's 24-hour messaging window" });
    }
  }
  if (trigger.definition.messagingWindow?.startsWithPrivateReply?.(trigger.config))
    problems.push(...privateReplyWarnings(index, trigger, silence));
  return problems;
}
