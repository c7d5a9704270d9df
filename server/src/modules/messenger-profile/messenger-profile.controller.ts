import { Body, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { MessengerProfileView, PutMessengerProfileDto } from './dto/messenger-profile.dto';
import { MessengerProfileService } from './messenger-profile.service';

@V1Controller('instagram-accounts')
export class MessengerProfileController {
  constructor(private readonly profiles: MessengerProfileService) {}

  /** The account's conversation starters (ice breakers) and persistent menu. */
  @Get(':id/messenger-profile')
  @ApiOkResponse({ type: MessengerProfileView })
  get(@CurrentAccount() account: AuthenticatedAccount, @Param('id', ParseUUIDPipe) id: string): Promise<MessengerProfileView> {
    return this.profiles.get(account.id, id);
  }

  /** Replaces them and pushes them to Instagram (Messenger Profile API). */
  @Put(':id/messenger-profile')
  @ApiOkResponse({ type: MessengerProfileView })
  put(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PutMessengerProfileDto,
  ): Promise<MessengerProfileView> {
    return this.profiles.put(account.id, id, body);
  }
}
