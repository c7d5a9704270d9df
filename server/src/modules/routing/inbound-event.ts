import type { InboundTrigger, TriggerContext } from '@dmflow/shared';
import type { InstagramWebhookEvent } from '../meta/instagram-webhook.types';
import type { InboxEventKind } from '../meta/split-webhook-batch';

/** A stored Instagram event read into what routing needs. */
export type InboundEvent =
  | { kind: 'comment' | 'live_comment'; senderId: string; username: string | null; commentId: string; mediaId: string; text: string }
  | { kind: 'message'; senderId: string; mid: string | null; text: string; quickReplyPayload: string | null; storyId: string | null }
  | { kind: 'postback'; senderId: string; mid: string | null; payload: string; title: string | null };

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** null when the stored event lacks what its kind needs (the splitter already skipped most such events). */
export function readInboundEvent(kind: InboxEventKind, event: InstagramWebhookEvent): InboundEvent | null {
  const entry = event.entry?.[0];
  switch (kind) {
    case 'comment':
    case 'live_comment': {
      const value = entry?.changes?.[0]?.value;
      const senderId = str(value?.from?.id);
      const commentId = str(value?.id) ?? str(value?.comment_id);
      if (!senderId || !commentId) return null;
      return { kind, senderId, username: str(value?.from?.username), commentId, mediaId: str(value?.media?.id) ?? '', text: str(value?.text) ?? '' };
    }
    case 'message': {
      const messaging = entry?.messaging?.[0];
      const senderId = str(messaging?.sender?.id);
      if (!senderId || !messaging?.message) return null;
      const { message } = messaging;
      return {
        kind,
        senderId,
        mid: str(message.mid),
        text: str(message.text) ?? '',
        quickReplyPayload: str(message.quick_reply?.payload),
        storyId: str(message.reply_to?.story?.id),
      };
    }
    case 'postback': {
      const messaging = entry?.messaging?.[0];
      const senderId = str(messaging?.sender?.id);
      const payload = str(messaging?.postback?.payload);
      if (!senderId || !payload) return null;
      return { kind, senderId, mid: str(messaging?.postback?.mid), payload, title: str(messaging?.postback?.title) };
    }
    case 'other':
      return null;
  }
}

/** What the trigger matcher is asked, in order: a quick-reply tap is tried as its payload first, then as text. */
export function triggerInputs(inbound: InboundEvent): InboundTrigger[] {
  switch (inbound.kind) {
    case 'comment':
    case 'live_comment':
      return [{ kind: inbound.kind, text: inbound.text, mediaId: inbound.mediaId }];
    case 'message':
      if (inbound.storyId) return [{ kind: 'story_reply', text: inbound.text, storyId: inbound.storyId }];
      return [...(inbound.quickReplyPayload ? [{ kind: 'postback' as const, payload: inbound.quickReplyPayload }] : []), { kind: 'dm', text: inbound.text }];
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

/** Messages, quick replies and button taps open Instagram's 24-hour window; comments do not. */
export function opensMessagingWindow(inbound: InboundEvent): boolean {
  return inbound.kind === 'message' || inbound.kind === 'postback';
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
