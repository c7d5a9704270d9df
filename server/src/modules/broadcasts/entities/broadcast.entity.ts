import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const BROADCAST_STATUSES = ['scheduled', 'sending', 'paused', 'cancelled', 'completed'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** One send to a segment: a text message, or a flow started for each contact. */
@Entity('broadcasts')
export class Broadcast {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('uuid', { name: 'instagram_account_id' })
  instagramAccountId: string;

  @Column('uuid', { name: 'segment_id' })
  segmentId: string;

  @Column('text')
  name: string;

  @Column('jsonb', { nullable: true })
  message: { text: string } | null;

  @Column('uuid', { name: 'flow_id', nullable: true })
  flowId: string | null;

  @Column('integer', { name: 'sends_per_second' })
  sendsPerSecond: number;

  @Column('text')
  status: BroadcastStatus;

  @Column('timestamptz', { name: 'scheduled_at' })
  scheduledAt: Date;

  /** While set and in the future, one worker is sending this broadcast. */
  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  /** When the segment's contacts were written to broadcast_recipients (once, when sending first starts). */
  @Column('timestamptz', { name: 'recipients_frozen_at', nullable: true })
  recipientsFrozenAt: Date | null;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
