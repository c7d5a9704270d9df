import { matchingCondition, TEXTLESS_SOURCES, type InboundTrigger, type TriggerCondition, type TriggerConfig } from '@dmflow/shared';

/** A published, enabled flow and its trigger, as routing sees it. */
export interface TriggerCandidate {
  flowId: string;
  flowVersionId: string;
  config: TriggerConfig;
  /** Older flows win ties, so adding a flow never steals traffic from an existing one. */
  createdAt: Date;
  /** When the published version went live; a "next post" trigger waits for a post published after it. */
  liveSince: Date;
}

/** Lower is more specific: a trigger bound to one post, story or ref link beats "any", a keyword beats "every message". */
function specificity(config: TriggerCondition): number {
  const boundToOne =
    (config.source === 'comment' && config.postScope !== 'any') ||
    (config.source === 'story_reply' && config.storyScope === 'specific') ||
    config.source === 'ref_url';
  return (boundToOne ? 0 : 2) + (config.keywordMatch === 'every' && !TEXTLESS_SOURCES.includes(config.source) ? 1 : 0);
}

/**
 * The one flow an inbound event starts, or null. A postback naming a flow (`{"flow_id": ...}`) starts that flow;
 * otherwise each input is tried in order and the most specific matching trigger wins.
 */
export function chooseTrigger(
  candidates: readonly TriggerCandidate[],
  inputs: readonly InboundTrigger[],
  namedFlowId: string | null = null,
): TriggerCandidate | null {
  if (namedFlowId) {
    const named = candidates.find((candidate) => candidate.flowId === namedFlowId);
    if (named) return named;
  }
  for (const input of inputs) {
    // A flow with several triggers ranks by the one this event fires.
    const matching = candidates
      .flatMap((candidate) => {
        const condition = matchingCondition(candidate.config, input);
        return condition ? [{ candidate, rank: specificity(condition) }] : [];
      })
      .sort(
        ({ candidate: a, rank: rankA }, { candidate: b, rank: rankB }) =>
          rankA - rankB || a.createdAt.getTime() - b.createdAt.getTime() || a.flowId.localeCompare(b.flowId),
      );
    if (matching.length) return matching[0].candidate;
  }
  return null;
}
