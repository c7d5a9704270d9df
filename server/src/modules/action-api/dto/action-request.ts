import { INSTAGRAM_LIMITS, type OutgoingMessage } from '@dmflow/shared';
import { ActionApiErrors } from '../action-api.errors';
import { messageProblem } from '../message-format';

export type ActionRequest =
  | { action: 'post_comment'; commentId: string; commentText: string; instagramAccount: string | null }
  | { action: 'send_message'; type: 'dm'; recipientId: string; message: OutgoingMessage; instagramAccount: string | null }
  | { action: 'send_message'; type: 'comment_reply'; commentId: string; message: OutgoingMessage; instagramAccount: string | null };

const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
const COMMENT_TEXT_MAX_CHARS = INSTAGRAM_LIMITS.commentTextChars;

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Meta ids are digits (sometimes base64url); anything else could never name a comment or a person. */
function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value))
    throw ActionApiErrors.invalidField(`${field} must be an Instagram id (a string of up to 128 letters, digits, "_", "-", ".", ":")`);
  return value;
}

function optionalInstagramAccount(body: Record<string, unknown>): string | null {
  return isMissing(body.instagram_account_id) ? null : id(body.instagram_account_id, 'instagram_account_id');
}

function message(body: Record<string, unknown>): OutgoingMessage {
  if (isMissing(body.message)) throw ActionApiErrors.missingMessage();
  const problem = messageProblem(body.message);
  if (problem) throw ActionApiErrors.invalidMessage(problem);
  // messageProblem found nothing wrong: the body is one of the Send API's shapes (its phone and email quick
  // replies, which InstantDM accepts and flows never send, are not in OutgoingMessage's type: passed through as is).
  return body.message as OutgoingMessage;
}

/**
 * Turns a /api-webhook body into an action, or throws the InstantDM 400 for it. Everything is checked here,
 * before any quota is spent or any call is made.
 */
export function parseActionRequest(body: unknown): ActionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw ActionApiErrors.unknownAction();
  const fields = body as Record<string, unknown>;
  switch (fields.action) {
    case 'post_comment': {
      if (isMissing(fields.comment_id) || isMissing(fields.comment_text)) throw ActionApiErrors.missingCommentFields();
      const commentId = id(fields.comment_id, 'comment_id');
      if (typeof fields.comment_text !== 'string' || !fields.comment_text.trim())
        throw ActionApiErrors.invalidField('comment_text must be a non-empty string');
      if ([...fields.comment_text].length > COMMENT_TEXT_MAX_CHARS)
        throw ActionApiErrors.invalidField(`comment_text must be at most ${COMMENT_TEXT_MAX_CHARS} characters`);
      return { action: 'post_comment', commentId, commentText: fields.comment_text, instagramAccount: optionalInstagramAccount(fields) };
    }
    case 'send_message': {
      const type = isMissing(fields.type) ? 'dm' : fields.type;
      if (type === 'dm') {
        if (isMissing(fields.recipient_id)) throw ActionApiErrors.missingRecipientId();
        const recipientId = id(fields.recipient_id, 'recipient_id');
        return { action: 'send_message', type, recipientId, message: message(fields), instagramAccount: optionalInstagramAccount(fields) };
      }
      if (type === 'comment_reply') {
        if (isMissing(fields.comment_id)) throw ActionApiErrors.missingCommentId();
        const commentId = id(fields.comment_id, 'comment_id');
        return { action: 'send_message', type, commentId, message: message(fields), instagramAccount: optionalInstagramAccount(fields) };
      }
      throw ActionApiErrors.invalidType();
    }
    default:
      throw ActionApiErrors.unknownAction();
  }
}
