import { Injectable } from '@nestjs/common';
import { isUuid } from '../../../core/http/uuid';
import { PeopleErrors } from '../accounts.errors';
import type { Role } from '../auth/roles';
import { SessionsService } from '../sessions/sessions.service';
import { type MemberView, PeopleService } from './people.service';

export interface MemberWithSessions extends MemberView {
  /** Live sessions working in this workspace. */
  active_sessions: number;
}

/** An owner's view of the workspace's people: list, change roles, remove, end their sessions here. */
@Injectable()
export class MembersService {
  constructor(
    private readonly people: PeopleService,
    private readonly sessions: SessionsService,
  ) {}

  async list(accountId: string): Promise<MemberWithSessions[]> {
    const [members, counts] = await Promise.all([this.people.listMembers(accountId), this.sessions.liveCountsInWorkspace(accountId)]);
    return members.map((member) => ({ ...member, active_sessions: counts.get(member.user_id) ?? 0 }));
  }

  async changeRole(accountId: string, userId: string, role: Role): Promise<void> {
    if (!isUuid(userId)) throw PeopleErrors.memberNotFound(userId);
    await this.people.changeRole(accountId, userId, role);
  }

  /** Removes the member and ends their sessions in this workspace at once. */
  async remove(accountId: string, userId: string): Promise<void> {
    if (!isUuid(userId)) throw PeopleErrors.memberNotFound(userId);
    await this.people.removeMember(accountId, userId);
    await this.sessions.revokeInWorkspace(userId, accountId);
  }

  async revokeSessions(accountId: string, userId: string): Promise<{ revoked: number }> {
    if (!isUuid(userId) || !(await this.people.membership(accountId, userId))) throw PeopleErrors.memberNotFound(userId);
    return { revoked: await this.sessions.revokeInWorkspace(userId, accountId) };
  }
}
