import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeopleErrors } from '../accounts.errors';
import { Account } from '../entities/account.entity';
import type { User } from '../entities/user.entity';
import type { Session } from '../entities/session.entity';
import type { SessionView } from '../dto/people.dto';
import { type StartedSession, SessionsService } from '../sessions/sessions.service';
import { InvitesService } from './invites.service';
import { PeopleService } from './people.service';

export interface Credentials {
  email: string;
  password: string;
}

/** The plan a workspace made from the editor starts on; its owner changes it on the workspace settings. */
const NEW_WORKSPACE_PLAN = 'free';

/** Everything that signs a person in: the first owner's set-up, sign-in with a password, accepting an invite. */
@Injectable()
export class SignInService {
  constructor(
    private readonly people: PeopleService,
    private readonly sessions: SessionsService,
    private readonly invites: InvitesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** What the editor needs to know about a session: who, where (and with which role), where else, and its CSRF token. */
  async describe(session: Pick<Session, 'userId' | 'currentAccountId' | 'csrfToken' | 'expiresAt'>): Promise<SessionView> {
    const user = await this.people.findUser(session.userId);
    if (!user) throw PeopleErrors.sessionExpired();
    const workspaces = await this.people.workspacesOf(user.id);
    return {
      user: { id: user.id, email: user.email },
      workspace: workspaces.find((workspace) => workspace.id === session.currentAccountId) ?? null,
      workspaces,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    };
  }

  /** Moves the session to another of the person's workspaces. */
  async switchWorkspace(sessionId: string, userId: string, accountId: string): Promise<void> {
    if (!(await this.people.membership(accountId, userId))) throw PeopleErrors.noWorkspace();
    await this.sessions.switchWorkspace(sessionId, accountId);
  }

  async setupNeeded(): Promise<boolean> {
    return !(await this.people.hasAnyUser());
  }

  /** What the editor opens on, asked without credentials so a signed-out browser sees no 401: set-up, sign-in or the app. */
  async startState(sessionToken: string | null): Promise<{ needed: boolean; signed_in: boolean }> {
    const session = sessionToken ? await this.sessions.findLive(sessionToken) : null;
    return { needed: await this.setupNeeded(), signed_in: !!session };
  }

  /** Only while no user exists: makes the owner and their workspace, and signs them in. */
  async setupOwner(credentials: Credentials, workspaceName: string, userAgent: string | null): Promise<StartedSession> {
    const { user, account } = await this.dataSource.transaction(async (manager) => {
      // Two set-ups racing on an empty database: the lock lets one in, the other then sees a user.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('dmflow:owner-setup'))`);
      const [{ exists }] = await manager.query<Array<{ exists: boolean }>>(`SELECT EXISTS (SELECT 1 FROM users) AS exists`);
      if (exists) throw PeopleErrors.setupAlreadyDone();
      const owner = await this.people.createUser(credentials.email, credentials.password, manager);
      const workspace = await manager.save(manager.create(Account, { name: workspaceName, plan: NEW_WORKSPACE_PLAN, credits: 0 }));
      await this.people.addMember(workspace.id, owner.id, 'owner', manager);
      return { user: owner, account: workspace };
    });
    return this.sessions.start(user.id, account.id, userAgent);
  }

  async signIn(credentials: Credentials, userAgent: string | null): Promise<StartedSession> {
    const user = await this.people.checkPassword(credentials.email, credentials.password);
    if (!user) throw PeopleErrors.invalidCredentials();
    const [first] = await this.people.workspacesOf(user.id);
    return this.sessions.start(user.id, first?.id ?? null, userAgent);
  }

  /** A new person sets their password; someone who already signs in with that email proves it with theirs. */
  async acceptInvite(token: string, credentials: Credentials, userAgent: string | null): Promise<StartedSession> {
    await this.invites.preview(token);
    const existing = await this.people.findUserByEmail(credentials.email);
    if (existing && !(await this.people.checkPassword(credentials.email, credentials.password))) throw PeopleErrors.invalidCredentials();
    const { user, accountId } = await this.dataSource.transaction(async (manager) => {
      const person: User = existing ?? (await this.people.createUser(credentials.email, credentials.password, manager));
      const invite = await this.invites.consume(token, person.id, manager);
      await this.people.addMember(invite.accountId, person.id, invite.role, manager);
      return { user: person, accountId: invite.accountId };
    });
    return this.sessions.start(user.id, accountId, userAgent);
  }

  /** A signed-in person starts another workspace, which they own. */
  async createWorkspace(userId: string, name: string): Promise<Account> {
    return this.dataSource.transaction(async (manager) => {
      const workspace = await manager.save(manager.create(Account, { name, plan: NEW_WORKSPACE_PLAN, credits: 0 }));
      await this.people.addMember(workspace.id, userId, 'owner', manager);
      return workspace;
    });
  }
}
