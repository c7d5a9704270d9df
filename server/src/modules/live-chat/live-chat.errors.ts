import { DomainError } from '../../core/errors/domain-error';

export const LiveChatErrors = {
  replyRefused: (code: 'human_agent_not_enabled' | 'reply_window_closed', reason: string) => new DomainError(code, reason),
};
