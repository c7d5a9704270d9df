import type { StepResult } from '../kernel/block-definition';
import type { Effect, EffectDraft } from '../kernel/effects';
import type { RunContext } from '../kernel/run-context';

function stamp(draft: EffectDraft, key: string, nodeId: string, timerId: string): Effect {
  return draft.type === 'schedule_timer' ? { ...draft, key, nodeId, timerId } : { ...draft, key, nodeId };
}

/**
 * Folds one block step into the run context and stamps its effects with stable keys.
 * Also applies Instagram's private-reply rule: the first DM of a comment-started run goes to the comment.
 */
export function applyStep(context: RunContext, nodeId: string, result: StepResult): { context: RunContext; effects: Effect[] } {
  const seq = context.seq + 1;
  let conversation = context.conversation;
  const node = { ...context.node, ...result.node, port: result.next };
  const effects = (result.effects ?? []).map((draft, index) => {
    const key = `${context.runId}:${seq}:${index}`;
    let effect = stamp(draft, key, nodeId, `${context.runId}:${nodeId}:${seq}`);
    if (effect.type === 'send_message' && conversation.mode === 'private_reply_available' && conversation.commentId) {
      effect = { ...effect, recipient: { comment_id: conversation.commentId } };
      conversation = { mode: 'awaiting_contact' };
    }
    if (effect.type === 'schedule_timer') node.timerId = effect.timerId;
    if (effect.type === 'http_request' || effect.type === 'fetch_profile' || effect.type === 'ai_complete')
      node.pendingEffectKey = effect.key;
    return effect;
  });
  const removed = new Set(result.removeTags ?? []);
  const tags = [...context.tags.filter((tag) => !removed.has(tag))];
  for (const tag of result.addTags ?? []) if (!tags.includes(tag)) tags.push(tag);
  return {
    context: {
      ...context,
      seq,
      conversation,
      node,
      tags,
      variables: result.variables ? { ...context.variables, ...result.variables } : context.variables,
    },
    effects,
  };
}
