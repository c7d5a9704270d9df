import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../../../core/crypto/password-hash';
import { PeopleErrors } from '../accounts.errors';
import type { Role } from '../auth/roles';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';

export const MIN_PASSWORD_LENGTH = 10;

export interface WorkspaceOfUser {
  id: string;
  name: string;
  plan: string;
  role: Role;
}

export interface MemberView {
  user_id: string;
  email: string;
  role: Role;
  joined_at: Date;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function assertPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw PeopleErrors.weakPassword(MIN_PASSWORD_LENGTH);
}

/** People (email + password) and their memberships of workspaces (accounts) with a role. */
@Injectable()
export class PeopleService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async hasAnyUser(): Promise<boolean> {
    return (await this.users.count({ take: 1 })) > 0;
  }

  /** `manager` lets a caller create the user inside its own transaction (the owner set-up). */
  async createUser(email: string, password: string, manager: EntityManager = this.dataSource.manager): Promise<User> {
    assertPassword(password);
    const normalized = normalizeEmail(email);
    const repository = manager.getRepository(User);
    if (await repository.existsBy({ email: normalized })) throw PeopleErrors.emailTaken();
    const passwordHash = await hashPassword(password);
    try {
      return await repository.save(repository.create({ email: normalized, passwordHash }));
    } catch (error) {
      // Two sign-ups with one email at once: the unique index lets one through.
      if ((error as { code?: string }).code === '23505') throw PeopleErrors.emailTaken();
      throw error;
    }
  }

  findUserByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normalizeEmail(email) });
  }

  findUser(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** The user when the password is theirs. An unknown email costs a hash too, so timing does not tell who exists. */
  async checkPassword(email: string, password: string): Promise<User | null> {
    const user = await this.findUserByEmail(email);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
    return user && matches ? user : null;
  }

  async setPassword(email: string, password: string): Promise<User> {
    assertPassword(password);
    const user = await this.findUserByEmail(email);
    if (!user) throw PeopleErrors.userNotFound(normalizeEmail(email));
    user.passwordHash = await hashPassword(password);
    return this.users.save(user);
  }

  membership(accountId: string, userId: string): Promise<Membership | null> {
    return this.memberships.findOneBy({ accountId, userId });
  }

  /** Adds the person with `role`; someone already a member keeps the role they have. */
  async addMember(accountId: string, userId: string, role: Role, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.createQueryBuilder().insert().into(Membership).values({ accountId, userId, role }).orIgnore().execute();
  }

  async workspacesOf(userId: string): Promise<WorkspaceOfUser[]> {
    const rows: Array<{ id: string; name: string; plan: string; role: Role }> = await this.dataSource.query(
      `SELECT a.id, a.name, a.plan, m.role FROM memberships m JOIN accounts a ON a.id = m.account_id
        WHERE m.user_id = $1 ORDER BY m.created_at, a.name`,
      [userId],
    );
    return rows;
  }

  /** Every workspace on the install with its members' count and owners (for operators: `workspace:list`). */
  async listAllWorkspaces(): Promise<Array<{ id: string; name: string; plan: string; members: number; owners: string[] }>> {
    const rows: Array<{ id: string; name: string; plan: string; members: string; owners: string[] | null }> = await this.dataSource.query(
      `SELECT a.id, a.name, a.plan, count(m.user_id) AS members,
              array_remove(array_agg(u.email ORDER BY u.email) FILTER (WHERE m.role = 'owner'), NULL) AS owners
         FROM accounts a LEFT JOIN memberships m ON m.account_id = a.id LEFT JOIN users u ON u.id = m.user_id
        GROUP BY a.id ORDER BY a.created_at, a.name`,
    );
    return rows.map((row) => ({ ...row, members: Number(row.members), owners: row.owners ?? [] }));
  }

  async listMembers(accountId: string): Promise<MemberView[]> {
    const rows: MemberView[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.email, m.role, m.created_at AS joined_at FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.account_id = $1 ORDER BY m.created_at, u.email`,
      [accountId],
    );
    return rows;
  }

  /** Changes a member's role; the last owner cannot step down. */
  async changeRole(accountId: string, userId: string, role: Role): Promise<void> {
    await this.withOwnersLocked(accountId, async (manager, owners) => {
      const member = await manager.findOneBy(Membership, { accountId, userId });
      if (!member) throw PeopleErrors.memberNotFound(userId);
      if (member.role === 'owner' && role !== 'owner' && owners <= 1) throw PeopleErrors.lastOwner();
      await manager.update(Membership, { accountId, userId }, { role });
    });
  }

  /** Removes a member; the last owner cannot be removed. */
  async removeMember(accountId: string, userId: string): Promise<void> {
    await this.withOwnersLocked(accountId, async (manager, owners) => {
      const member = await manager.findOneBy(Membership, { accountId, userId });
      if (!member) throw PeopleErrors.memberNotFound(userId);
      if (member.role === 'owner' && owners <= 1) throw PeopleErrors.lastOwner();
      await manager.delete(Membership, { accountId, userId });
    });
  }

  /** Locks the workspace's memberships so two owners demoting each other at once cannot leave none. */
  private withOwnersLocked(accountId: string, work: (manager: EntityManager, owners: number) => Promise<void>): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ role: Role }> = await manager.query(`SELECT role FROM memberships WHERE account_id = $1 FOR UPDATE`, [accountId]);
      await work(manager, rows.filter((row) => row.role === 'owner').length);
    });
  }
}
