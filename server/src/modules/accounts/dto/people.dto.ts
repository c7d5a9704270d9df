import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PLAN_IDS } from '../plans';
import { API_KEY_SCOPES, type ApiKeyScope, ROLES, type Role } from '../auth/roles';

export class CredentialsDto {
  @ApiProperty({ example: 'owner@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class OwnerSetupDto extends CredentialsDto {
  @ApiProperty({ description: "the first workspace's name", maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  workspace_name: string;
}

export class SwitchWorkspaceDto {
  @ApiProperty()
  @IsUUID()
  workspace_id: string;
}

export class CreateWorkspaceDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class UpdateWorkspaceDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: PLAN_IDS })
  @IsOptional()
  @IsIn(PLAN_IDS)
  plan?: string;
}

export class CreateInviteDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

export class CreateApiKeyDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    enum: API_KEY_SCOPES,
    default: 'full',
    description: 'full; api-webhook (only /api-webhook); read-only (only reading /v1)',
  })
  @IsOptional()
  @IsIn(API_KEY_SCOPES)
  scope?: ApiKeyScope;
}

export class WorkspaceView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() plan: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class SessionUserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
}

export class SessionView {
  @ApiProperty({ type: SessionUserView }) user: SessionUserView;
  @ApiProperty({ type: WorkspaceView, nullable: true }) workspace: WorkspaceView | null;
  @ApiProperty({ type: [WorkspaceView] }) workspaces: WorkspaceView[];
  @ApiProperty({ description: 'send it back as X-CSRF-Token on every write made with the session cookie' }) csrf_token: string;
  @ApiProperty() expires_at: Date;
}

export class SetupStateView {
  @ApiProperty({ description: 'true while no user exists: the editor shows "create the owner account"' }) needed: boolean;
  @ApiProperty({ description: 'whether the request carries a live session cookie' }) signed_in: boolean;
}

export class ApiKeyView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the first characters of the key, to recognise it' }) prefix: string;
  @ApiProperty({ enum: API_KEY_SCOPES }) scope: ApiKeyScope;
  @ApiProperty() created_at: Date;
  @ApiProperty({ nullable: true }) last_used_at: Date | null;
  @ApiProperty({ nullable: true }) revoked_at: Date | null;
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'shown once; only its hash is stored' }) key: string;
}

export class MemberView {
  @ApiProperty() user_id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() joined_at: Date;
  @ApiProperty({ description: 'live sessions working in this workspace' }) active_sessions: number;
}

export class InviteView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() created_at: Date;
  @ApiProperty() expires_at: Date;
}

export class CreatedInviteView extends InviteView {
  @ApiProperty({ description: 'shown once; only its hash is stored' }) token: string;
  @ApiProperty({ description: "the editor's page that accepts it, e.g. /invite/<token>" }) path: string;
}

export class InvitePreviewView {
  @ApiProperty() workspace_name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() expires_at: Date;
}

export class RevokedSessionsView {
  @ApiProperty({ description: 'how many sessions were ended' }) revoked: number;
}

export class PlanView {
  @ApiProperty() id: string;
  @ApiProperty() label: string;
  @ApiProperty() api_access: boolean;
}

export class WorkspaceSettingsView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() plan: string;
  @ApiProperty({ description: 'API keys, /api-webhook and webhooks are available on this plan' }) api_access: boolean;
  @ApiProperty({ type: [PlanView] }) plans: PlanView[];
}
