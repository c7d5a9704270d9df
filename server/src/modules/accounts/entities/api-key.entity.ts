import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiKeyScope } from '../auth/roles';

/** Only the SHA-256 of a key is stored; `prefix` lets people recognise a key in lists. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('text')
  name: string;

  @Column('text')
  prefix: string;

  /** `full`, `api-webhook` (only /api-webhook) or `read-only` (only reading /v1). */
  @Column('text', { default: 'full' })
  scope: ApiKeyScope;

  @Column('text', { name: 'key_hash' })
  keyHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
