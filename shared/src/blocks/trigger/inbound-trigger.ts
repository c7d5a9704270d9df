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
        ...(inbound.quickReplyPayload ? [{ kind: 'postback' as const, payload: inbound.quickReplyPayload }] : []),
        { kind: 'dm', text: inbound.text },
      ];
    case 'postback':
      return [{ kind: 'postback', payload: inbound.payload }];
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
      return inbound.storyId ? { kind: 'story_reply', text: inbound.text, storyId: inbound.storyId } : { kind: 'dm', text: inbound.text };
    case 'postback':
      return { kind: 'postback', payload: inbound.payload };
  }
}
