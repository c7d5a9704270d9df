export const MESSAGING_WINDOW_MS = 24 * 3_600_000;
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 3_600_000;
/** Meta's HUMAN_AGENT tag lets a person (not automation) reply up to 7 days after the person's last message. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 3_600_000;

/** Meta's message tags dmflow sends with. */
export type MessageTag = 'HUMAN_AGENT';

export type WindowVerdict = { open: true } | { open: false; reason: string };

/**
 * A DM may go out within 24 hours of the person's last message or tap. We only refuse when we know the
 * window is closed (a known contact); for a person we have never seen, Meta decides (error 10/2018278).
 */
export function dmWindow(contact: { lastInboundAt: Date | null } | null, now: Date, tag?: MessageTag): WindowVerdict {
  const windowMs = tag === 'HUMAN_AGENT' ? HUMAN_AGENT_WINDOW_MS : MESSAGING_WINDOW_MS;
  const windowName = tag === 'HUMAN_AGENT' ? '7-day HUMAN_AGENT' : '24-hour messaging';
  if (!contact) return { open: true };
  if (!contact.lastInboundAt)
    return { open: false, reason: 'This person has not messaged this Instagram account, so Instagram does not allow a DM yet.' };
  if (now.getTime() - contact.lastInboundAt.getTime() > windowMs) {
    return {
      open: false,
      reason: `The ${windowName} window closed at ${new Date(contact.lastInboundAt.getTime() + windowMs).toISOString()}.`,
    };
  }
  return { open: true };
}

/** A private reply must go out within 7 days of the comment (when we know the comment's time). */
export function privateReplyWindow(commentCreatedAt: Date | undefined, now: Date): WindowVerdict {
  if (!commentCreatedAt || now.getTime() - commentCreatedAt.getTime() <= PRIVATE_REPLY_WINDOW_MS) return { open: true };
  const closedAt = new Date(commentCreatedAt.getTime() + PRIVATE_REPLY_WINDOW_MS).toISOString();
  return { open: false, reason: `Instagram allows a private reply only within 7 days of the comment; that window closed at ${closedAt}.` };
}
