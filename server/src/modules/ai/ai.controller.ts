import { Body, Get, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequiredRole } from '../accounts/auth/access.decorators';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { AiPreviewDto, AiPreviewView, AiProviderView, PutAiProviderDto } from './ai.dto';
import { AiPreviewService } from './ai-preview.service';
import { AiSettingsService } from './ai-settings.service';

@V1Controller('ai')
export class AiController {
  constructor(
    private readonly settings: AiSettingsService,
    private readonly preview: AiPreviewService,
  ) {}

  @Get('provider')
  @ApiOperation({ summary: "The workspace's AI provider; the API key is masked" })
  @ApiOkResponse({ type: AiProviderView })
  get(@CurrentAccount() account: AuthenticatedAccount): Promise<AiProviderView> {
    return this.settings.view(account.id);
  }

  @Put('provider')
  @RequiredRole('admin')
  @ApiOperation({ summary: 'Sets the AI provider (local, or an OpenAI-compatible endpoint), its API key and monthly token budget' })
  @ApiOkResponse({ type: AiProviderView })
  put(@CurrentAccount() account: AuthenticatedAccount, @Body() body: PutAiProviderDto): Promise<AiProviderView> {
    return this.settings.update(account.id, body);
  }

  @Post('preview')
  @ApiOperation({ summary: "Answers an AI block's task with the workspace's provider, for the editor's preview (counts as usage)" })
  @ApiCreatedResponse({ type: AiPreviewView })
  run(@CurrentAccount() account: AuthenticatedAccount, @Body() body: AiPreviewDto): Promise<AiPreviewView> {
    return this.preview.answer(account.id, body.task);
  }
}
