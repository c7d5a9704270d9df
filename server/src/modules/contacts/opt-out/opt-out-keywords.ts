/** The words that opt a contact out or back in when they are the whole message (any case, surrounding spaces). */
export interface OptOutKeywords {
  stop: string[];
  resubscribe: string[];
}

export const DEFAULT_OPT_OUT_KEYWORDS: OptOutKeywords = { stop: ['STOP'], resubscribe: ['START'] };

export type OptOutIntent = 'stop' | 'resubscribe';

const normalised = (text: string) => text.trim().toLocaleUpperCase();

/** What a message asks for: to stop, to re-subscribe, or nothing (null) when it is not exactly one of the keywords. */
export function optOutIntentOf(text: string | null | undefined, keywords: OptOutKeywords): OptOutIntent | null {
  if (!text) return null;
  const said = normalised(text);
  if (keywords.stop.some((keyword) => normalised(keyword) === said)) return 'stop';
  if (keywords.resubscribe.some((keyword) => normalised(keyword) === said)) return 'resubscribe';
  return null;
}
