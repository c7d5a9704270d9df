import type { FlowGraph } from './flow-graph';

const SOURCE_PHRASES: Record<string, string> = {
  comment: 'Comment',
  live_comment: 'Live comment',
  story_reply: 'Story reply',
  dm_keyword: 'DM',
  postback: 'Button tap',
  story_mention: 'Mention in a story',
  mention: 'Mention in a post or comment',
  ref_url: 'Ref link',
};

/** One line for flow lists: what starts the flow, e.g. `Comment on any post: "info", "price"`. */
export function triggerSummary(graph: FlowGraph): string {
  const trigger = graph.nodes.find((node) => node.type === 'trigger');
  if (!trigger) return 'No trigger';
  const config = trigger.data.config;
  const source = typeof config.source === 'string' ? config.source : '';
  let phrase = SOURCE_PHRASES[source] ?? 'Trigger';
  if (source === 'comment')
    phrase += config.postScope === 'specific' ? ' on a post' : config.postScope === 'next' ? ' on the next post' : ' on any post';
  if (source === 'story_mention') return phrase;
  if (source === 'ref_url') return `${phrase}: ?ref=${typeof config.ref === 'string' && config.ref ? config.ref : '(no ref)'}`;
  if (source === 'postback') return `${phrase}: ${typeof config.payload === 'string' && config.payload ? config.payload : '(no payload)'}`;
  const keywords = Array.isArray(config.keywords)
    ? config.keywords.filter((keyword): keyword is string => typeof keyword === 'string')
    : [];
  if (config.keywordMatch === 'every' || keywords.length === 0) return `${phrase}: anything`;
  return `${phrase}: ${keywords.map((keyword) => `"${keyword}"`).join(', ')}`;
}
