import { Get, Param, Query } from '@nestjs/common';
import { ApiPageResponse } from '../../core/http/api-responses';
import type { Page } from '../../core/http/pagination';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { InstagramMediaView, MediaPageQueryDto } from './dto/instagram-media.dto';
import { InstagramMediaService } from './instagram-media.service';

@V1Controller('instagram-accounts')
export class InstagramMediaController {
  constructor(private readonly media: InstagramMediaService) {}

  /** The account's posts and reels, newest first, for choosing the post a comment trigger listens to. */
  @Get(':id/media')
  @ApiPageResponse(InstagramMediaView)
  list(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param('id') id: string,
    @Query() page: MediaPageQueryDto,
  ): Promise<Page<InstagramMediaView>> {
    return this.media.listMedia(account.id, id, page);
  }
}
