import { Body, Get, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentAccount } from '../../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../../accounts/auth/authenticated-account';
import { V1Controller } from '../../accounts/auth/v1-controller.decorator';
import { OptOutSettingsDto } from './opt-out-settings.dto';
import { OptOutService } from './opt-out.service';

@V1Controller('opt-out-settings')
export class OptOutSettingsController {
  constructor(private readonly optOut: OptOutService) {}

  @Get()
  @ApiOkResponse({ type: OptOutSettingsDto })
  async get(@CurrentAccount() account: AuthenticatedAccount): Promise<OptOutSettingsDto> {
    return OptOutSettingsDto.of(await this.optOut.keywordsOf(account.id));
  }

  @Put()
  @ApiOkResponse({ type: OptOutSettingsDto })
  async put(@CurrentAccount() account: AuthenticatedAccount, @Body() body: OptOutSettingsDto): Promise<OptOutSettingsDto> {
    return OptOutSettingsDto.of(
      await this.optOut.saveKeywords(account.id, { stop: body.stop_keywords, resubscribe: body.resubscribe_keywords }),
    );
  }
}
