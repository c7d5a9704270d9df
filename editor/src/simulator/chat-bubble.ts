import { assertNever, moderationLabel, notifyTeamSummary, type Effect, type OutgoingMessage } from '@dmflow/shared';

export interface ChatButton {
  title: string;
  /** Postback payload; absent for link buttons. */
  payload?: string;
  url?: string;
}

export type ChatBubble =
  | { id: string; from: 'bot'; nodeId: string; text: string; mediaUrl?: string; buttons: ChatButton[]; quickReplies: ChatButton[] }
  | { id: string; from: 'contact'; text: string }
  /** What happened out of the chat: a public comment reply, a webhook event, a wait. */
  | { id: string; from: 'system'; nodeId?: string; text: string };

function messageBubble(id: string, nodeId: string, message: OutgoingMessage): ChatBubble {
  const quickReplies =
    'quick_replies' in message && message.quick_replies
      ? message.quick_replies.map((reply) => ({ title: reply.title, payload: reply.payload }))
      : [];
  if ('text' in message) return { id, from: 'bot', nodeId, text: message.text, buttons: [], quickReplies };
  const { attachment } = message;
  if (attachment.type !== 'template')
    return { id, from: 'bot', nodeId, text: `[${attachment.type}]`, mediaUrl: attachment.payload.url, buttons: [], quickReplies };
  const payload = attachment.payload;
  if (payload.template_type === 'button') {
    return {
      id,
      from: 'bot',
      nodeId,
      text: payload.text,
      buttons: payload.buttons.map((button) => ({ title: button.title, payload: button.payload, url: button.url })),
      quickReplies,
    };
  }
  const cards = payload.elements.map((element) => [element.title, element.subtitle].filter(Boolean).join(' — ')).join('\n');
  const buttons = payload.elements.flatMap((element) =>
    (element.buttons ?? []).map((button) => ({ title: button.title, payload: button.payload, url: button.url })),
  );
  return { id, from: 'bot', nodeId, text: cards, buttons, quickReplies };
}

function describeDelay(delayMs: number): string {
  const minutes = delayMs / 60_000;
  if (minutes < 1) return `${Math.round(delayMs / 1000)} s`;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 60 * 24) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 60 / 24)} d`;
}

const AI_CALL_TEXT = {
  reply: 'Asking the AI model for a reply…',
  route: 'Asking the AI model which intent this is…',
  extract: 'Asking the AI model to find the answer…',
} as const;

/** How one effect of the machine shows in the simulator; null for effects the simulator answers silently. */
export function effectBubble(effect: Effect): ChatBubble | null {
  const id = effect.key;
  switch (effect.type) {
    case 'send_message':
      return messageBubble(id, effect.nodeId, effect.message);
    case 'reply_comment':
      return { id, from: 'system', nodeId: effect.nodeId, text: `Public reply under the comment: “${effect.text}”` };
    case 'moderate_comment':
      return { id, from: 'system', nodeId: effect.nodeId, text: `${moderationLabel(effect.action)} (on Instagram)` };
    case 'http_request':
      return {
        id,
        from: 'system',
        nodeId: effect.nodeId,
        text: `HTTP ${effect.request.method} ${effect.request.url} (simulated: the preview calls no external service)`,
      };
    case 'emit_event':
      return { id, from: 'system', nodeId: effect.nodeId, text: `Webhook event ${effect.event.name}` };
    case 'schedule_timer':
      return {
        id,
        from: 'system',
        nodeId: effect.nodeId,
        text:
          effect.purpose === 'delay'
            ? `Waiting ${describeDelay(effect.delayMs)}${effect.dueAt ? ` (until ${effect.dueAt.slice(0, 16).replace('T', ' ')} UTC)` : ''}…`
            : `Answer timeout in ${describeDelay(effect.delayMs)}`,
      };
    case 'fetch_profile':
      return null;
    case 'set_subscription':
      return {
        id,
        from: 'system',
        nodeId: effect.nodeId,
        text: effect.subscribed ? 'Contact subscribed again' : 'Contact unsubscribed: no broadcasts or flow starts until they re-subscribe',
      };
    case 'hand_over':
      return { id, from: 'system', nodeId: effect.nodeId, text: 'Automation paused: handed over to a human' };
    case 'start_flow':
      return {
        id,
        from: 'system',
        nodeId: effect.nodeId,
        text: `This flow ends here; the contact continues in another flow${Object.keys(effect.variables).length ? ' with the variables' : ''} (the preview stops here)`,
      };
    case 'ai_complete':
      return { id, from: 'system', nodeId: effect.nodeId, text: AI_CALL_TEXT[effect.task.kind] };
    case 'notify_team':
      return {
        id,
        from: 'system',
        nodeId: effect.nodeId,
        text: `Team notification: “${effect.text}” — ${notifyTeamSummary(notifyTeamConfigOf(effect))
          .replace(/^Notifies/, 'would notify')
          .replace('by email', 'by email (when SMTP is configured)')} (simulated: the preview sends nothing)`,
      };
    default:
      return assertNever(effect, 'effect');
  }
}

/** The block's settings as the effect carries them, for the same summary as on the canvas. */
function notifyTeamConfigOf(effect: Extract<Effect, { type: 'notify_team' }>) {
  const members = effect.members;
  return {
    recipients: members === null ? ('none' as const) : members.kind,
    roles: members?.kind === 'roles' ? members.roles : [],
    memberIds: members?.kind === 'members' ? members.userIds : [],
    email: effect.email,
    slackWebhookUrl: effect.slackWebhookUrl ?? '',
  };
}
