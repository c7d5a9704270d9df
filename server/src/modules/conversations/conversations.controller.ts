import { Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { ApiPageResponse } from '../../core/http/api-responses';
import { type Page, PageQueryDto } from '../../core/http/pagination';
import { ConversationsService } from './conversations.service';
import { MessageView } from './dto/message.dto';

@V1Controller('contacts')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get(':id/messages')
  @ApiPageResponse(MessageView)
  messages(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<MessageView>> {
    return this.conversations.messagesOf(account.id, id, query);
  }
}
