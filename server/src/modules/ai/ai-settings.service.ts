import { Injectable } from '@nestjs/common';
import { ENV, type AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { DomainError } from '../../core/errors/domain-error';
import { BlockedAddressError, checkUrlAddress } from '../../core/http/outbound/outbound-request';
import { seal, tryUnseal } from '../../core/crypto/sealed-value';
import { TokenCipher } from '../../core/crypto/token-cipher';
import type { AiProviderView, PutAiProviderDto } from './ai.dto';
import { AiStore } from './ai.store';

/** A workspace's AI provider settings; the API key is stored sealed and only its last characters are ever shown. */
@Injectable()
export class AiSettingsService {
  constructor(
    private readonly store: AiStore,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'encryptionKey' | 'flowsAllowPrivateUrls'>,
  ) {}

  private readonly cipher = new TokenCipher(this.config.encryptionKey);

  async view(accountId: string): Promise<AiProviderView> {
    const settings = await this.store.settings(accountId);
    const key = settings.apiKeySealed === null ? null : tryUnseal(this.cipher, settings.apiKeySealed);
    return {
      provider: settings.provider,
      base_url: settings.baseUrl,
      model: settings.model,
      api_key_set: settings.apiKeySealed !== null,
      api_key_hint: key ? `…${key.slice(-4)}` : null,
      monthly_token_budget: settings.monthlyTokenBudget,
      updated_at: settings.updatedAt?.toISOString() ?? null,
    };
  }

  async update(accountId: string, body: PutAiProviderDto): Promise<AiProviderView> {
    const current = await this.store.settings(accountId);
    const remote = body.provider === 'openai_compatible';
    if (remote && body.base_url) await this.checkAddress(body.base_url);
    const apiKeySealed = body.api_key === undefined ? current.apiKeySealed : body.api_key ? seal(this.cipher, body.api_key) : null;
    await this.store.saveSettings(accountId, {
      provider: body.provider,
      baseUrl: remote ? (body.base_url ?? null) : null,
      model: remote ? (body.model ?? null) : null,
      apiKeySealed: remote ? apiKeySealed : null,
      monthlyTokenBudget: body.monthly_token_budget === undefined ? current.monthlyTokenBudget : body.monthly_token_budget,
    });
    return this.view(accountId);
  }

  /** Said when the URL is saved, not at a run's first AI step. */
  private async checkAddress(baseUrl: string): Promise<void> {
    try {
      await checkUrlAddress(new URL(baseUrl), this.config.flowsAllowPrivateUrls, ENV.flowsAllowPrivateUrls);
    } catch (error) {
      const message =
        error instanceof BlockedAddressError ? error.message : `base_url's host could not be resolved (${(error as Error).message})`;
      throw new DomainError('validation_failed', message, { details: [{ field: 'base_url', message }] });
    }
  }
}
