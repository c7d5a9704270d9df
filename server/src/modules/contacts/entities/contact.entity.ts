import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One Instagram user as seen by one connected Instagram account. */
@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('uuid', { name: 'instagram_account_id' })
  instagramAccountId: string;

  @Column('text', { name: 'ig_user_id' })
  igUserId: string;

  @Column('text', { nullable: true })
  username: string | null;

  @Column('text', { array: true })
  tags: string[];

  @Column('jsonb')
  variables: Record<string, unknown>;

  /** Start of Instagram's 24-hour messaging window: the person's last message or tap. */
  @Column('timestamptz', { name: 'last_inbound_at', nullable: true })
  lastInboundAt: Date | null;

  /** Set when the person opted out (a stop keyword, a block or by hand): no broadcasts, no flow starts. */
  @Column('timestamptz', { name: 'unsubscribed_at', nullable: true })
  unsubscribedAt: Date | null;

  @Column('timestamptz', { name: 'first_seen_at' })
  firstSeenAt: Date;

  @Column('timestamptz', { name: 'last_seen_at' })
  lastSeenAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
