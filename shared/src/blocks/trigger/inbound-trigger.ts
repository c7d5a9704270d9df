import type { InboundEvent } from '../../instagram/inbound-event';
import type { TriggerContext } from '../../kernel/run-context';
import type { InboundTrigger } from './trigger-matcher';

/** What the trigger matcher is asked, in order: a quick-reply tap is tried as its payload first, then as text. */
export function triggerInputs(inbound: InboundEvent): InboundTrigger[] {
  switch (inbound.kind) {
    case 'comment':
    case 'live_comment':
      return [{ kind: inbound.kind, text: inbound.text, mediaId: inbound.mediaId }];
    case 'message':
      if (inbound.storyId) return [{ kind: 'story_reply', text: inbound.text, storyId: inbound.storyId }];
      return [
        ...(inbound.ref ? [{ kind: 'ref' as const, ref: inbound.ref }] : []),
        ...(inbound.quickReplyPayload ? [{ kind: 'postback' as const, payload: inbound.quickReplyPayload }] : []),
        { kind: 'dm', text: inbound.text },
      ];
    case 'postback':
      return [{ kind: 'postback', payload: inbound.payload }];
    case 'story_mention':
      return [{ kind: 'story_mention' }];
    case 'mention':
      return [{ kind: 'mention', text: inbound.text, mediaId: inbound.mediaId }];
    case 'referral':
      return [{ kind: 'ref', ref: inbound.ref }];
  }
}

/** A postback payload may name the flow to start, as InstantDM's buttons do: `{"flow_id": "..."}`. */
export function flowIdNamedBy(payload: string): string | null {
  if (!payload.trimStart().startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(payload);
    const flowId = (parsed as { flow_id?: unknown } | null)?.flow_id;
    return typeof flowId === 'string' && flowId ? flowId : null;
  } catch {
    return null;
  }
}

/** What a run started by this event remembers about its trigger (the public reply needs the comment id). */
export function triggerContextFor(inbound: InboundEvent): TriggerContext {
  switch (inbound.kind) {
    case 'comment':
    case 'live_comment':
      return { kind: inbound.kind, text: inbound.text, commentId: inbound.commentId, mediaId: inbound.mediaId };
    case 'message':
      if (inbound.storyId) return { kind: 'story_reply', text: inbound.text, storyId: inbound.storyId };
      return inbound.ref ? { kind: 'ref_url', text: inbound.text, ref: inbound.ref } : { kind: 'dm', text: inbound.text };
    case 'postback':
      return { kind: 'postback', payload: inbound.payload };
    case 'story_mention':
      return { kind: 'story_mention', ...(inbound.storyUrl ? { storyUrl: inbound.storyUrl } : {}) };
    case 'mention':
      return { kind: 'mention', text: inbound.text, commentId: inbound.commentId, mediaId: inbound.mediaId };
    case 'referral':
      return { kind: 'ref_url', ref: inbound.ref };
  }
}
