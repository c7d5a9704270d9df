import { triggerConditions } from '../blocks/trigger/trigger-matcher';
import type { TriggerCondition, TriggerConfig } from '../blocks/trigger/trigger.config';
import { normalizeText, words } from '../util/normalize-text';

/** Another live flow, as the clash check sees it. */
export interface LiveTrigger {
  flowId: string;
  flowName: string;
  config: TriggerConfig;
}

export interface KeywordClash {
  flowId: string;
  flowName: string;
  /** The keyword both flows listen to, as this flow spells it; null when both take every comment or message. */
  keyword: string | null;
  /** Where: "any post", "post 1789…", "DMs"… */
  place: string;
}

// Only these sources carry keywords that two flows could both claim.
type Place = { key: string; label: string };

function placeOf(condition: TriggerCondition): Place | null {
  switch (condition.source) {
    case 'comment':
      if (condition.postScope === 'any') return { key: 'comment:any', label: 'any post' };
      return condition.mediaId ? { key: `comment:${condition.mediaId}`, label: `post ${condition.mediaId}` } : null;
    case 'live_comment':
      return { key: 'live', label: 'live videos' };
    case 'story_reply':
      return condition.storyScope === 'any'
        ? { key: 'story:any', label: 'any story' }
        : { key: `story:${condition.storyId}`, label: `story ${condition.storyId}` };
    case 'dm_keyword':
      return { key: 'dm', label: 'DMs' };
    case 'mention':
      return { key: 'mention', label: 'mentions' };
    case 'postback':
    case 'story_mention':
    case 'ref_url':
      return null;
  }
}

const keywordKey = (keyword: string) => words(keyword).join(' ') || normalizeText(keyword);

/**
 * Where another live flow already listens to the same keyword in the same place (the same post, any post, DMs…):
 * routing would start only one of them, so publishing warns. Both taking every comment there clashes too.
 */
export function keywordClashes(mine: TriggerConfig, others: readonly LiveTrigger[]): KeywordClash[] {
  const clashes: KeywordClash[] = [];
  const seen = new Set<string>();
  for (const condition of triggerConditions(mine)) {
    const place = placeOf(condition);
    if (!place) continue;
    for (const other of others) {
      for (const theirs of triggerConditions(other.config)) {
        if (placeOf(theirs)?.key !== place.key) continue;
        const bothEvery = condition.keywordMatch === 'every' && theirs.keywordMatch === 'every';
        const theirKeywords = new Set(theirs.keywordMatch === 'every' ? [] : (theirs.keywords ?? []).map(keywordKey));
        const shared = bothEvery
          ? [null]
          : condition.keywordMatch === 'every'
            ? []
            : (condition.keywords ?? []).filter((keyword) => theirKeywords.has(keywordKey(keyword)));
        for (const keyword of shared) {
          const key = `${other.flowId}|${place.key}|${keyword === null ? '' : keywordKey(keyword)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          clashes.push({ flowId: other.flowId, flowName: other.flowName, keyword, place: place.label });
        }
      }
    }
  }
  return clashes;
}

/** One sentence per clash, for the publish notice. */
export function describeClash(clash: KeywordClash): string {
  const what = clash.keyword === null ? 'every comment or message' : `the keyword "${clash.keyword}"`;
  return `"${clash.flowName}" is live and already answers ${what} on ${clash.place}; only one of the two flows will start.`;
}
