import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { IsNull, MoreThan, Repository } from 'typeorm';
import type { AppConfig } from '../../../core/config/config';
import { InjectAppConfig } from '../../../core/config/config.module';
import { generateSecretToken, hashSecretToken } from '../../../core/crypto/secret-token';
import { Session } from '../entities/session.entity';

/** last_seen_at is refreshed at most this often, so reads do not each write. */
const TOUCH_INTERVAL_MS = 60_000;

export interface StartedSession {
  session: Session;
  /** The cookie's value: given to the browser once, stored only as a hash. */
  token: string;
}

/** Server-side sessions: started at sign-in, found by the cookie's token, expiring, revocable one by one or all at once. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'sessions'>,
  ) {}

  get ttlMs(): number {
    return this.config.sessions.ttlHours * 60 * 60 * 1000;
  }

  async start(userId: string, accountId: string | null, userAgent: string | null): Promise<StartedSession> {
    const { token, hash } = generateSecretToken();
    const now = new Date();
    const session = await this.sessions.save(
      this.sessions.create({
        userId,
        tokenHash: hash,
        csrfToken: randomBytes(32).toString('base64url'),
        currentAccountId: accountId,
        userAgent: userAgent?.slice(0, 300) ?? null,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.ttlMs),
      }),
    );
    return { session, token };
  }

  /** The live session a cookie names, or null (unknown, expired or revoked). */
  async findLive(token: string): Promise<Session | null> {
    const session = await this.sessions.findOneBy({
      tokenHash: hashSecretToken(token),
      revokedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    if (session && Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      session.lastSeenAt = new Date();
      await this.sessions.update({ id: session.id }, { lastSeenAt: session.lastSeenAt });
    }
    return session;
  }

  async findById(sessionId: string): Promise<Session> {
    return this.sessions.findOneByOrFail({ id: sessionId });
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Sign out everywhere: every live session of the person. */
  async revokeAllOf(userId: string): Promise<number> {
    const result = await this.sessions.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  /** An owner ends a member's sessions that are working in the owner's workspace. */
  async revokeInWorkspace(userId: string, accountId: string): Promise<number> {
    const result = await this.sessions.update({ userId, currentAccountId: accountId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  async switchWorkspace(sessionId: string, accountId: string): Promise<void> {
    await this.sessions.update({ id: sessionId }, { currentAccountId: accountId });
  }

  /** Live sessions per member of a workspace (for the members page). */
  async liveCountsInWorkspace(accountId: string): Promise<Map<string, number>> {
    const rows: Array<{ user_id: string; count: string }> = await this.sessions.query(
      `SELECT user_id, count(*) AS count FROM sessions
        WHERE current_account_id = $1 AND revoked_at IS NULL AND expires_at > now() GROUP BY user_id`,
      [accountId],
    );
    return new Map(rows.map((row) => [row.user_id, Number(row.count)]));
  }
}
