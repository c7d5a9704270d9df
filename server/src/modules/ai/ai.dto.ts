import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AI_PROVIDER_KINDS, type AiProviderKind } from './ai.store';

const needsEndpoint = (body: PutAiProviderDto) => body.provider === 'openai_compatible';

export class PutAiProviderDto {
  @ApiProperty({
    enum: AI_PROVIDER_KINDS,
    description: '`local`: offline keyword matching; `openai_compatible`: a chat-completions endpoint',
  })
  @IsIn(AI_PROVIDER_KINDS)
  provider: AiProviderKind;

  @ApiPropertyOptional({
    example: 'https://api.openai.com/v1',
    description: 'required for openai_compatible; /chat/completions is appended',
  })
  @ValidateIf(needsEndpoint)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'base_url must be an http(s) URL' })
  @MaxLength(500)
  base_url?: string;

  @ApiPropertyOptional({ example: 'gpt-4o-mini', description: 'required for openai_compatible' })
  @ValidateIf(needsEndpoint)
  @IsString()
  @MinLength(1, { message: 'model is required for an openai_compatible provider' })
  @MaxLength(200)
  model?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'omitted: keep the stored key; null or "": remove it' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  api_key?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'tokens (in + out) per calendar month (UTC); null: no budget' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  monthly_token_budget?: number | null;
}

export class AiProviderView {
  @ApiProperty({ enum: AI_PROVIDER_KINDS }) provider: AiProviderKind;
  @ApiProperty({ type: String, nullable: true }) base_url: string | null;
  @ApiProperty({ type: String, nullable: true }) model: string | null;
  @ApiProperty({ description: 'whether an API key is stored (it is never shown)' }) api_key_set: boolean;
  @ApiProperty({ type: String, nullable: true, example: '…a1b2', description: 'the last 4 characters of the stored key' })
  api_key_hint: string | null;
  @ApiProperty({ type: Number, nullable: true }) monthly_token_budget: number | null;
  @ApiProperty({ type: String, nullable: true }) updated_at: string | null;
}

class PreviewIntentDto {
  @IsString() @MaxLength(32) id: string;
  @IsString() @MaxLength(80) name: string;
  @IsString() @MaxLength(500) description: string;
}

/** The task an AI block of the previewed flow asks for (the `task` of its `ai_complete` effect). */
export class AiPreviewTaskDto {
  @ApiProperty({ enum: ['reply', 'route', 'extract'] })
  @IsIn(['reply', 'route', 'extract'])
  kind: 'reply' | 'route' | 'extract';

  @ApiProperty() @IsString() @MaxLength(2000) message: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) instructions?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) knowledge?: string;
  @ApiPropertyOptional() @IsOptional() @IsObject() variables?: Record<string, string | number | boolean | null>;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1000) maxChars?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) question?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) valueType?: string;

  @ApiPropertyOptional({ type: [PreviewIntentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PreviewIntentDto)
  intents?: PreviewIntentDto[];
}

export class AiPreviewDto {
  @ApiProperty({ type: AiPreviewTaskDto })
  @IsObject({ message: 'task must be an object (the task of an AI block)' })
  @ValidateNested()
  @Type(() => AiPreviewTaskDto)
  task: AiPreviewTaskDto;
}

export class AiPreviewView {
  @ApiProperty({ enum: AI_PROVIDER_KINDS }) provider: AiProviderKind;
  @ApiProperty({ type: Object, nullable: true, description: 'the answer, as the block receives it; null when the call failed' })
  answer: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() tokens_in: number;
  @ApiProperty() tokens_out: number;
}

export class AiUsageTotalsView {
  @ApiProperty() calls: number;
  @ApiProperty() tokens_in: number;
  @ApiProperty() tokens_out: number;
}

export class AiFlowUsageView extends AiUsageTotalsView {
  @ApiProperty() flow_id: string;
}

export class AiRunUsageView extends AiFlowUsageView {
  @ApiProperty() run_id: string;
}

export class AiWorkspaceUsageView {
  @ApiProperty({ enum: AI_PROVIDER_KINDS }) provider: AiProviderKind;
  @ApiProperty({ type: String, nullable: true }) model: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'tokens (in + out) per calendar month (UTC); null: no budget' })
  monthly_token_budget: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null without a budget' }) remaining_tokens: number | null;
  @ApiProperty({ description: 'start of the next month (UTC), when the budget starts again' }) resets_at: string;
  @ApiProperty({ type: AiUsageTotalsView, description: 'this month, previews included' }) month: AiUsageTotalsView;
  @ApiProperty({ type: [AiFlowUsageView], description: 'this month, per flow' }) by_flow: AiFlowUsageView[];
  @ApiProperty({ type: [AiRunUsageView], description: 'this month, the 50 runs that used AI last' }) recent_runs: AiRunUsageView[];
}
