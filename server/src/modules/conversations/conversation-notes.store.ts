import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, PageQueryDto, paginate } from '../../core/http/pagination';
import { announce } from './conversation-changes';
import { ConversationNote } from './entities/conversation-note.entity';

/** The one owner of `conversation_notes`. */
@Injectable()
export class ConversationNotesStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  add(note: { accountId: string; contactId: string; authorUserId: string | null; text: string }): Promise<ConversationNote> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(ConversationNote, { ...note, createdAt: new Date() }));
      await announce(manager, { account_id: note.accountId, contact_id: note.contactId, change: 'state' });
      return saved;
    });
  }

  page(accountId: string, contactId: string, query: PageQueryDto): Promise<Page<ConversationNote>> {
    const builder = this.dataSource
      .getRepository(ConversationNote)
      .createQueryBuilder('note')
      .where('note.account_id = :accountId AND note.contact_id = :contactId', { accountId, contactId });
    return paginate(builder, query, (row) => row);
  }
}
