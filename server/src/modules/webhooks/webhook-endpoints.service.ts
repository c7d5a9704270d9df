import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TokenCipher } from '../../core/crypto/token-cipher';
import { WebhookErrors } from './webhooks.errors';
import { BlockedAddressError } from '../../core/http/outbound/outbound-request';
import { Page, PageQueryDto, paginate } from '../../core/http/pagination';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import type { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { checkWebhookUrl } from './webhook-http-client';
import { generateWebhookSecret } from './webhook-signatures';
import type { WebhookEventType } from './webhook-event-types';
import { isUuid } from '../../core/http/uuid';
import { DomainError } from '../../core/errors/domain-error';

export interface ExtraHeader {
  name: string;
  value: string;
}

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  enabled: boolean;
  disabled_reason: string | null;
  /** After a rotation, the old secret still signs webhook-signature until then. */
  previous_secret_expires_at: string | null;
  /** Values are masked: they often carry credentials. */
  extra_headers: ExtraHeader[];
  created_at: string;
  updated_at: string;
}

/** Shown once, when the secret is created or rotated. */
export type WebhookEndpointWithSecret = WebhookEndpointView & { secret: string };

function readExtraHeaders(cipher: TokenCipher, stored: string | null): ExtraHeader[] {
  return stored ? (JSON.parse(cipher.decrypt(stored)) as ExtraHeader[]) : [];
}

/** What the delivery worker needs: the endpoint with its secret and headers decrypted. */
export interface DeliveryTarget {
  id: string;
  url: string;
  enabled: boolean;
  secret: string;
  /** The secret before the last rotation, during its grace period. */
  previousSecret: string | null;
  extraHeaders: ExtraHeader[];
}

/** What a delivery needs of its endpoint's row; the expiry may come as JSON text (read with the delivery's claim). */
export type EndpointRow = Pick<
  WebhookEndpoint,
  'id' | 'url' | 'enabled' | 'secretEncrypted' | 'previousSecretEncrypted' | 'extraHeadersEncrypted'
> & {
  previousSecretExpiresAt: Date | string | null;
};

export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

// Headers we set ourselves; an extra header must not override them.
const RESERVED_HEADERS =
  /^(content-type|content-length|host|transfer-encoding|connection|user-agent|x-event-type|x-timestamp|x-webhook-.*|webhook-.*)$/i;

function mask(value: string): string {
  return value.length <= 8 ? '****' : `****${value.slice(-4)}`;
}

export const WebhookEndpointView = {
  /** The cipher opens the stored extra headers, whose values are then masked. */
  of(endpoint: WebhookEndpoint, cipher: TokenCipher): WebhookEndpointView {
    return {
      id: endpoint.id,
      url: endpoint.url,
      description: endpoint.description,
      events: endpoint.events,
      enabled: endpoint.enabled,
      disabled_reason: endpoint.disabledReason,
      previous_secret_expires_at:
        endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date()
          ? endpoint.previousSecretExpiresAt.toISOString()
          : null,
      extra_headers: readExtraHeaders(cipher, endpoint.extraHeadersEncrypted).map((header) => ({
        name: header.name,
        value: mask(header.value),
      })),
      created_at: endpoint.createdAt.toISOString(),
      updated_at: endpoint.updatedAt.toISOString(),
    };
  },
};

@Injectable()
export class WebhookEndpointsService {
  private readonly cipher = new TokenCipher(this.config.encryptionKey);

  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  async create(accountId: string, input: CreateWebhookDto): Promise<WebhookEndpointWithSecret> {
    const url = await this.acceptableUrl(input.url);
    const secret = generateWebhookSecret();
    const saved = await this.endpoints.save(
      this.endpoints.create({
        accountId,
        url,
        description: input.description ?? null,
        secretEncrypted: this.cipher.encrypt(secret),
        events: input.events,
        enabled: input.enabled ?? true,
        disabledReason: null,
        extraHeadersEncrypted: this.encryptHeaders(input.extra_headers ?? []),
      }),
    );
    return { ...WebhookEndpointView.of(saved, this.cipher), secret };
  }

  /** Newest first. */
  list(accountId: string, page: PageQueryDto): Promise<Page<WebhookEndpointView>> {
    const query = this.endpoints.createQueryBuilder('endpoint').where('endpoint.account_id = :accountId', { accountId });
    return paginate(query, page, (endpoint) => WebhookEndpointView.of(endpoint, this.cipher));
  }

  async get(accountId: string, id: string): Promise<WebhookEndpointView> {
    return WebhookEndpointView.of(await this.find(accountId, id), this.cipher);
  }

  async update(accountId: string, id: string, input: UpdateWebhookDto): Promise<WebhookEndpointView> {
    const endpoint = await this.find(accountId, id);
    if (input.url !== undefined) endpoint.url = await this.acceptableUrl(input.url);
    if (input.events !== undefined) endpoint.events = input.events;
    if (input.description !== undefined) endpoint.description = input.description;
    if (input.extra_headers !== undefined) endpoint.extraHeadersEncrypted = this.encryptHeaders(input.extra_headers);
    if (input.enabled !== undefined) {
      endpoint.enabled = input.enabled;
      endpoint.disabledReason = null;
    }
    return WebhookEndpointView.of(await this.endpoints.save(endpoint), this.cipher);
  }

  async remove(accountId: string, id: string): Promise<void> {
    const endpoint = await this.find(accountId, id);
    await this.endpoints.delete({ id: endpoint.id, accountId });
  }

  async rotateSecret(accountId: string, id: string): Promise<WebhookEndpointWithSecret> {
    const endpoint = await this.find(accountId, id);
    const secret = generateWebhookSecret();
    endpoint.previousSecretEncrypted = endpoint.secretEncrypted;
    endpoint.previousSecretExpiresAt = new Date(Date.now() + ROTATION_GRACE_MS);
    endpoint.secretEncrypted = this.cipher.encrypt(secret);
    return { ...WebhookEndpointView.of(await this.endpoints.save(endpoint), this.cipher), secret };
  }

  /** Throws not found for another account's endpoint too, so ids never leak across tenants. */
  async find(accountId: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = isUuid(id) ? await this.endpoints.findOneBy({ id, accountId }) : null;
    if (!endpoint) throw this.notFound(id);
    return endpoint;
  }

  async deliveryTarget(id: string): Promise<DeliveryTarget | null> {
    const endpoint = await this.endpoints.findOneBy({ id });
    return endpoint ? this.deliveryTargetOf(endpoint) : null;
  }

  /** The endpoint's URL and decrypted secrets, from its row read elsewhere (e.g. with the delivery that claimed it). */
  deliveryTargetOf(endpoint: EndpointRow): DeliveryTarget {
    return {
      id: endpoint.id,
      url: endpoint.url,
      enabled: endpoint.enabled,
      secret: this.cipher.decrypt(endpoint.secretEncrypted),
      previousSecret:
        endpoint.previousSecretEncrypted && endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt) > new Date()
          ? this.cipher.decrypt(endpoint.previousSecretEncrypted)
          : null,
      extraHeaders: readExtraHeaders(this.cipher, endpoint.extraHeadersEncrypted),
    };
  }

  async disable(id: string, reason: string): Promise<void> {
    await this.endpoints.update({ id }, { enabled: false, disabledReason: reason });
  }

  private async acceptableUrl(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw WebhookErrors.urlNotAbsolute();
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw WebhookErrors.urlNotHttp();
    }
    if (url.username || url.password) {
      throw WebhookErrors.urlWithCredentials();
    }
    try {
      await checkWebhookUrl(url, this.config.webhooks.allowPrivateUrls);
    } catch (error) {
      if (error instanceof BlockedAddressError) throw WebhookErrors.privateUrlRefused(error.message);
      throw WebhookErrors.unresolvableUrl((error as Error).message);
    }
    return url.toString();
  }

  private encryptHeaders(headers: ExtraHeader[]): string | null {
    const reserved = headers.find((header) => RESERVED_HEADERS.test(header.name));
    if (reserved) {
      throw WebhookErrors.reservedHeader(reserved.name);
    }
    const plain = headers.map(({ name, value }) => ({ name, value }));
    return plain.length ? this.cipher.encrypt(JSON.stringify(plain)) : null;
  }

  private notFound(id: string): DomainError {
    return WebhookErrors.webhookNotFound(id);
  }
}
