import { normalizeText, words } from '../../util/normalize-text';
import type { TriggerCondition, TriggerConfig } from './trigger.config';

/** An inbound event as the trigger matcher sees it (the ingestion side builds it from Meta's webhook). */
export type InboundTrigger =
  | { kind: 'comment' | 'live_comment'; text: string; mediaId: string }
  | { kind: 'story_reply'; text: string; storyId: string }
  | { kind: 'dm'; text: string }
  | { kind: 'postback'; payload: string }
  /** The person mentioned the business in their story (no text to match). */
  | { kind: 'story_mention' }
  /** The person @-mentioned the business in a post caption or comment. */
  | { kind: 'mention'; text: string; mediaId: string }
  /** The person opened an ig.me link carrying `?ref=`. */
  | { kind: 'ref'; ref: string };

export function keywordsMatch(config: Pick<TriggerCondition, 'keywordMatch' | 'keywords'>, text: string): boolean {
  const keywords = config.keywords.map(normalizeText).filter(Boolean);
  switch (config.keywordMatch) {
    case 'every':
      return true;
    case 'exact':
      return keywords.includes(normalizeText(text));
    case 'any':
    case 'all': {
      const normalized = ` ${words(text).join(' ')} `;
      const contains = (keyword: string) => normalized.includes(` ${words(keyword).join(' ')} `);
      return keywords.length > 0 && (config.keywordMatch === 'any' ? keywords.some(contains) : keywords.every(contains));
    }
  }
}

/** Whether an inbound event fires one trigger condition. */
function conditionMatches(config: TriggerCondition, inbound: InboundTrigger): boolean {
  switch (inbound.kind) {
    case 'comment':
    case 'live_comment': {
      if (config.source !== inbound.kind) return false;
      if (inbound.kind === 'comment' && config.postScope !== 'any' && config.mediaId !== inbound.mediaId) return false;
      return keywordsMatch(config, inbound.text);
    }
    case 'story_reply':
      if (config.source !== 'story_reply') return false;
      if (config.storyScope === 'specific' && config.storyId !== inbound.storyId) return false;
      return keywordsMatch(config, inbound.text);
    case 'dm':
      return config.source === 'dm_keyword' && keywordsMatch(config, inbound.text);
    case 'postback':
      return config.source === 'postback' && config.payload === inbound.payload;
    case 'story_mention':
      return config.source === 'story_mention';
    case 'mention':
      return config.source === 'mention' && keywordsMatch(config, inbound.text);
    case 'ref':
      return config.source === 'ref_url' && config.ref === inbound.ref;
  }
}

/** Every condition that starts the flow: the trigger's own, then its "more triggers". */
export function triggerConditions(config: TriggerConfig): TriggerCondition[] {
  return [config, ...(config.moreTriggers ?? [])];
}

/** The first of the trigger's conditions this event fires, or null (routing ranks flows by how specific it is). */
export function matchingCondition(config: TriggerConfig, inbound: InboundTrigger): TriggerCondition | null {
  return triggerConditions(config).find((condition) => conditionMatches(condition, inbound)) ?? null;
}

/**
 * Whether an inbound event fires this trigger (any of its conditions). `oncePerUser` is the caller's job (it needs
 * the run history); for `postScope: next` the server stores the bound post in `mediaId` once it is published.
 */
export function matchesTrigger(config: TriggerConfig, inbound: InboundTrigger): boolean {
  return matchingCondition(config, inbound) !== null;
}
