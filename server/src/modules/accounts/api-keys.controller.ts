import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { RequiredRole, SessionOnly } from './auth/access.decorators';
import type { AuthenticatedAccount } from './auth/authenticated-account';
import { CurrentAccount } from './auth/current-account.decorator';
import { V1Controller } from './auth/v1-controller.decorator';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyView, CreateApiKeyDto, CreatedApiKeyView } from './dto/people.dto';
import type { ApiKey } from './entities/api-key.entity';

function viewOf(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scope: key.scope,
    created_at: key.createdAt,
    last_used_at: key.lastUsedAt,
    revoked_at: key.revokedAt,
  };
}

/** API keys for machines, managed by admins from the editor (a key cannot make keys). */
@V1Controller('api-keys', 'accounts')
@SessionOnly()
@RequiredRole('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiOkResponse({ type: [ApiKeyView] })
  async list(@CurrentAccount() account: AuthenticatedAccount): Promise<ApiKeyView[]> {
    return (await this.apiKeys.listApiKeys(account.id)).map(viewOf);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  async create(@CurrentAccount() account: AuthenticatedAccount, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    const created = await this.apiKeys.createApiKey(account.id, body.name, body.scope);
    return {
      id: created.id,
      name: created.name,
      prefix: created.prefix,
      scope: created.scope,
      created_at: created.createdAt,
      last_used_at: null,
      revoked_at: null,
      key: created.key,
    };
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<void> {
    return this.apiKeys.revokeApiKey(account.id, id);
  }
}
