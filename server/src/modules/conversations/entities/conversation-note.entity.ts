import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An internal note on a conversation: seen by the team, never sent to the person. */
@Entity('conversation_notes')
export class ConversationNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('uuid', { name: 'contact_id' })
  contactId: string;

  @Column('uuid', { name: 'author_user_id', nullable: true })
  authorUserId: string | null;

  @Column('text')
  text: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
