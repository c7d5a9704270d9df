import type { MessageTag } from '../messaging/messaging-window';

const HOUR_MS = 3_600_000;
export const STANDARD_REPLY_WINDOW_MS = 24 * HOUR_MS;
export const HUMAN_AGENT_REPLY_WINDOW_MS = 7 * 24 * HOUR_MS;

export type ReplyVerdict =
  { allowed: true; tag: MessageTag | null } | { allowed: false; code: 'human_agent_not_enabled' | 'reply_window_closed'; reason: string };

/**
 * How a team member may reply (reference/meta-instagram-api.md §2.4): within 24 hours of the person's last message
 * normally; up to 7 days with Meta's HUMAN_AGENT tag, only where the workspace says Meta approved it; never after.
 */
export function replyVerdict(lastInboundAt: Date | null, humanAgentEnabled: boolean, now: Date): ReplyVerdict {
  if (!lastInboundAt)
    return { allowed: false, code: 'reply_window_closed', reason: 'This person has not messaged this Instagram account yet.' };
  const age = now.getTime() - lastInboundAt.getTime();
  if (age <= STANDARD_REPLY_WINDOW_MS) return { allowed: true, tag: null };
  if (age > HUMAN_AGENT_REPLY_WINDOW_MS) {
    const closedAt = new Date(lastInboundAt.getTime() + HUMAN_AGENT_REPLY_WINDOW_MS).toISOString();
    return {
      allowed: false,
      code: 'reply_window_closed',
      reason: `Instagram allows no reply more than 7 days after the person's last message (closed at ${closedAt}).`,
    };
  }
  if (!humanAgentEnabled)
    return {
      allowed: false,
      code: 'human_agent_not_enabled',
      reason:
        "The 24-hour window has closed; replying up to 7 days needs Meta's Human Agent feature, which this workspace has not enabled.",
    };
  return { allowed: true, tag: 'HUMAN_AGENT' };
}
