import { checkOutgoingMessage, type OutgoingMessageRules } from '@dmflow/shared';

/**
 * The message formats /api-webhook accepts: InstantDM's (text, image, video, audio, button template, quick
 * replies), narrower than Instagram's own. The limits themselves are shared/src/instagram's INSTAGRAM_LIMITS.
 */
export const ACTION_API_MESSAGE_RULES: OutgoingMessageRules = { templates: ['button'], quickRepliesOnMedia: false };

/** The first problem, worded as /api-webhook answers it, or null when the message can be sent. */
export function messageProblem(message: unknown): string | null {
  return checkOutgoingMessage(message, ACTION_API_MESSAGE_RULES)[0] ?? null;
}
