import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One member's notice from a flow's "Notify the team" block (their inbox notifications). */
@Entity('team_notifications')
export class TeamNotification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  /** The effect that made it: a retried effect finds its rows instead of adding more. */
  @Column('text', { name: 'effect_key' })
  effectKey: string;

  /** The conversation it is about (null once the contact is deleted). */
  @Column('uuid', { name: 'contact_id', nullable: true })
  contactId: string | null;

  @Column('uuid', { name: 'flow_id', nullable: true })
  flowId: string | null;

  @Column('uuid', { name: 'run_id', nullable: true })
  runId: string | null;

  @Column('text')
  text: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;

  @Column('timestamptz', { name: 'emailed_at', nullable: true })
  emailedAt: Date | null;
}
