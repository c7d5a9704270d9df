import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { generateSecretToken, hashSecretToken } from '../../../core/crypto/secret-token';
import { isUuid } from '../../../core/http/uuid';
import { PeopleErrors } from '../accounts.errors';
import type { Role } from '../auth/roles';
import { Invite } from '../entities/invite.entity';

const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InviteView {
  id: string;
  role: Role;
  created_at: Date;
  expires_at: Date;
}

export interface CreatedInvite extends InviteView {
  /** Shown to the inviter once; only its hash is stored. */
  token: string;
  /** The editor's page that accepts it, relative to the editor's origin. */
  path: string;
}

export interface InvitePreview {
  workspace_name: string;
  role: Role;
  expires_at: Date;
}

function viewOf(invite: Invite): InviteView {
  return { id: invite.id, role: invite.role, created_at: invite.createdAt, expires_at: invite.expiresAt };
}

/** One-time invite links into a workspace: created by an owner, accepted once, expiring after 7 days, revocable. */
@Injectable()
export class InvitesService {
  constructor(
    @InjectRepository(Invite) private readonly invites: Repository<Invite>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async create(accountId: string, role: Role, createdBy: string | null): Promise<CreatedInvite> {
    const { token, hash } = generateSecretToken();
    const invite = await this.invites.save(
      this.invites.create({ accountId, role, tokenHash: hash, createdBy, expiresAt: new Date(Date.now() + INVITE_TTL_MS) }),
    );
    return { ...viewOf(invite), token, path: `/invite/${token}` };
  }

  async listPending(accountId: string): Promise<InviteView[]> {
    const pending = await this.invites.find({
      where: { accountId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'ASC' },
    });
    return pending.map(viewOf);
  }

  async revoke(accountId: string, inviteId: string): Promise<void> {
    if (!isUuid(inviteId)) throw PeopleErrors.inviteNotFound();
    const result = await this.invites.update(
      { id: inviteId, accountId, acceptedAt: IsNull(), revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    if (!result.affected) throw PeopleErrors.inviteNotFound();
  }

  /** What a pending invite offers, for the accept page; unknown, used, revoked and expired links look alike. */
  async preview(token: string): Promise<InvitePreview> {
    const rows: Array<{ name: string; role: Role; expires_at: Date }> = await this.dataSource.query(
      `SELECT a.name, i.role, i.expires_at FROM invites i JOIN accounts a ON a.id = i.account_id
        WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()`,
      [hashSecretToken(token)],
    );
    if (!rows.length) throw PeopleErrors.inviteNotFound();
    return { workspace_name: rows[0].name, role: rows[0].role, expires_at: rows[0].expires_at };
  }

  /** Marks the invite used by `userId`, inside the caller's transaction; two accepts at once let one through. */
  async consume(token: string, userId: string, manager: EntityManager): Promise<Invite> {
    const rows: Invite[] = await manager
      .createQueryBuilder(Invite, 'invite')
      .setLock('pessimistic_write')
      .where('invite.token_hash = :hash AND invite.accepted_at IS NULL AND invite.revoked_at IS NULL AND invite.expires_at > now()', {
        hash: hashSecretToken(token),
      })
      .getMany();
    const invite = rows[0];
    if (!invite) throw PeopleErrors.inviteNotFound();
    await manager.update(Invite, { id: invite.id }, { acceptedAt: new Date(), acceptedBy: userId });
    return invite;
  }
}
