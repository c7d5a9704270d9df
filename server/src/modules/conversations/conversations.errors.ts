import { DomainError } from '../../core/errors/domain-error';

export const ConversationErrors = {
  notFound: (contactId: string) => new DomainError('conversation_not_found', `No conversation with contact ${contactId}.`),
  assigneeNotMember: (userId: string) =>
    new DomainError('assignee_not_member', `${userId} is not a member of this workspace who may reply (editor or above).`),
};
