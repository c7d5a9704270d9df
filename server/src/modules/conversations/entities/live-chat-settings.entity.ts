import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A workspace's live chat settings. */
@Entity('live_chat_settings')
export class LiveChatSettings {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId: string;

  /** Meta approved the workspace's app for the Human Agent feature: replies between 24 h and 7 days carry HUMAN_AGENT. */
  @Column('boolean', { name: 'human_agent_enabled' })
  humanAgentEnabled: boolean;

  /** Round-robin assignment's last pick. */
  @Column('uuid', { name: 'last_assigned_user_id', nullable: true })
  lastAssignedUserId: string | null;
}
