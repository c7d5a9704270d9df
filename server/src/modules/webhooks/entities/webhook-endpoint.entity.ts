import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WebhookEventType } from '../webhook-event-types';

/** A customer URL that receives an account's webhook events. The secret and extra headers are encrypted at rest. */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('text')
  url: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text', { name: 'secret_encrypted' })
  secretEncrypted: string;

  @Column('text', { name: 'previous_secret_encrypted', nullable: true })
  previousSecretEncrypted: string | null;

  /** Until then, deliveries carry a second webhook-signature made with the previous secret. */
  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column('text', { array: true })
  events: WebhookEventType[];

  @Column('boolean')
  enabled: boolean;

  /** Why the system disabled it (e.g. `gone` after a 410); null when a person did, or when enabled. */
  @Column('text', { name: 'disabled_reason', nullable: true })
  disabledReason: string | null;

  @Column('text', { name: 'extra_headers_encrypted', nullable: true })
  extraHeadersEncrypted: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
