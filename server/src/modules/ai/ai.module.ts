import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AiController } from './ai.controller';
import { AiPreviewService } from './ai-preview.service';
import { AiSettingsService } from './ai-settings.service';
import { AiService } from './ai.service';
import { AiStore } from './ai.store';
import { ChatCompletionsClient } from './chat-completions.client';

/** A workspace's AI provider: settings, the calls the engine's AI effect makes, usage and budget, the editor's preview. */
@Module({
  imports: [AccountsModule],
  controllers: [AiController],
  providers: [AiStore, AiService, AiSettingsService, AiPreviewService, ChatCompletionsClient],
  exports: [AiService],
})
export class AiModule {}
