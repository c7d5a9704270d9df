import type { NeedsReconnectReason } from '@dmflow/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `disconnected` only with disconnected_at set (the owner let it go); see the migration 1765100000000 for the rest. */
export type InstagramConnectionStatus = 'connected' | 'needs_reconnect' | 'disconnected';

/** An Instagram professional account connected to a dmflow account. The token is stored encrypted. */
@Entity('instagram_accounts')
export class InstagramAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('text', { name: 'ig_user_id' })
  igUserId: string;

  @Column('text')
  username: string;

  @Column('text', { name: 'access_token_encrypted', nullable: true })
  accessTokenEncrypted: string | null;

  @Column('text', { name: 'profile_picture_url', nullable: true })
  profilePictureUrl: string | null;

  @Column('text', { default: 'connected' })
  status: InstagramConnectionStatus;

  @Column('text', { name: 'needs_reconnect_reason', nullable: true })
  needsReconnectReason: NeedsReconnectReason | null;

  /** null when unknown: a token given by hand (CLI, POST /v1/instagram-accounts). */
  @Column('timestamptz', { name: 'token_expires_at', nullable: true })
  tokenExpiresAt: Date | null;

  /** When the stored token was issued or last refreshed: Meta refreshes only tokens at least a day old. */
  @Column('timestamptz', { name: 'token_refreshed_at', nullable: true })
  tokenRefreshedAt: Date | null;

  /** The refresh job's claim: a row tried recently is left to the process that tried it. */
  @Column('timestamptz', { name: 'token_refresh_attempted_at', nullable: true })
  tokenRefreshAttemptedAt: Date | null;

  /** IANA zone smart delays read business hours and dates in. */
  @Column('text', { name: 'time_zone', default: 'UTC' })
  timeZone: string;

  /** BCP 47 locale date answers are parsed in (day/month order). */
  @Column('text', { default: 'en-US' })
  locale: string;

  @Column('timestamptz', { name: 'connected_at' })
  connectedAt: Date;

  @Column('timestamptz', { name: 'disconnected_at', nullable: true })
  disconnectedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
