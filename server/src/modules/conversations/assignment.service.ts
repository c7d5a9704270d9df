import { Injectable } from '@nestjs/common';
import { roleAtLeast } from '../accounts/auth/roles';
import { PeopleService } from '../accounts/people/people.service';
import { ConversationErrors } from './conversations.errors';
import { ConversationsService, type InboxRow } from './conversations.service';

/** A member's user id; `round_robin`: the next member who may reply, in turn; null: unassigned. */
export type AssigneeChoice = string | null;

/** Who answers a conversation: the members who may reply (editors and above), one of them, or the next in turn. */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly people: PeopleService,
    private readonly conversations: ConversationsService,
  ) {}

  /** The members a conversation may be assigned to: those who may reply (editors and above). */
  async assignees(accountId: string): Promise<Array<{ user_id: string; email: string; role: string }>> {
    return (await this.people.listMembers(accountId))
      .filter((member) => roleAtLeast(member.role, 'editor'))
      .map((member) => ({ user_id: member.user_id, email: member.email, role: member.role }));
  }

  /** The member chosen (null: nobody, e.g. round robin in a workspace with no one who may reply). */
  async resolve(accountId: string, choice: AssigneeChoice): Promise<string | null> {
    if (choice === null) return null;
    const repliers = (await this.assignees(accountId)).map((member) => member.user_id);
    if (choice === 'round_robin') return this.conversations.nextInTurn(accountId, repliers);
    if (!repliers.includes(choice)) throw ConversationErrors.assigneeNotMember(choice);
    return choice;
  }

  async assign(accountId: string, contactId: string, choice: AssigneeChoice): Promise<InboxRow> {
    return this.conversations.update(accountId, contactId, { assigneeUserId: await this.resolve(accountId, choice) });
  }
}
