import { Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiPageResponse } from '../../core/http/api-responses';
import type { Page } from '../../core/http/pagination';
import { RequiredRole, SessionOnly } from '../accounts/auth/access.decorators';
import type { AuthenticatedRequest } from '../accounts/auth/request-auth';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { ListNotificationsQueryDto, NotificationView } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The signed-in member's own notifications from flows (the "Notify the team" block); an API key has none. */
@V1Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiPageResponse(NotificationView)
  @SessionOnly()
  async list(@Req() request: AuthenticatedRequest, @Query() query: ListNotificationsQueryDto): Promise<Page<NotificationView>> {
    const page = await this.notifications.list(request.account.id, memberOf(request), query);
    return { ...page, data: page.data.map((row) => NotificationView.of(row)) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  @SessionOnly()
  @RequiredRole('viewer')
  async read(@Req() request: AuthenticatedRequest, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationView> {
    return NotificationView.of(await this.notifications.markRead(request.account.id, memberOf(request), id));
  }
}

/** SessionOnly lets only people through; the guard has refused API keys already. */
function memberOf(request: AuthenticatedRequest): string {
  if (request.auth.kind !== 'session') throw new Error('notifications are a signed-in member’s own');
  return request.auth.userId;
}
