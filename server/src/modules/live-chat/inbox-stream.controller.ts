import { type MessageEvent, Req, Sse } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../accounts/auth/request-auth';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { InboxStreamService } from './inbox-stream.service';

@V1Controller('conversations')
export class InboxStreamController {
  constructor(private readonly streams: InboxStreamService) {}

  /** Server-sent events: `conversation` {contact_id, change} when one changes, `resync` when changes may have been missed. */
  // Left out of the OpenAPI document: a stream that never ends is no REST operation (docs/live-chat.md describes it).
  @Sse('events')
  @ApiExcludeEndpoint()
  events(@Req() request: AuthenticatedRequest): Observable<MessageEvent> {
    return this.streams.stream(request.account.id).pipe(map((event) => ({ type: event.type, data: event.data })));
  }
}
