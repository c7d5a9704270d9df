import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActionApiErrors, InstagramApiException } from './action-api.errors';
import { describeActionApiError } from './action-api-exception.filter';

export interface ActionResponse {
  status: number;
  body: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const WAIT_FOR_FIRST_MS = 30_000;
const POLL_MS = 50;
const STALE_CLAIM_SECONDS = 60;

interface StoredKey {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  completed: boolean;
  age_seconds: number;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * The Idempotency-Key contract (InstantReply's habit): within 24 h, the same key and body replay the first
 * response and the side effect happens once; the same key with another body is 422. The first request holds
 * the key in Postgres while it runs; concurrent ones wait for its response. Only a success or an answer Meta
 * gave is replayed. Refusals before any send (limits, credits, no token) and sends that never reached Meta
 * release the key, so a retry can succeed; a send in doubt (it may have reached Meta) keeps the key, unanswered.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<Fresh extends ActionResponse>(
    accountId: string,
    key: string,
    body: unknown,
    requestId: string,
    execute: () => Promise<Fresh>,
  ): Promise<{ replayed: false; response: Fresh } | { replayed: true; response: ActionResponse }> {
    if (!KEY_PATTERN.test(key)) throw ActionApiErrors.invalidIdempotencyKey();
    const hash = requestHash(body);
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      if (await this.claim(accountId, key, hash))
        return { replayed: false, response: await this.executeClaimed(accountId, key, requestId, execute) };
      const stored = await this.stored(accountId, key);
      if (!stored) continue;
      if (stored.request_hash !== hash) {
        throw ActionApiErrors.idempotencyKeyReused();
      }
      if (stored.response_status !== null)
        return { replayed: true, response: { status: stored.response_status, body: stored.response_body } };
      // The first request ended without knowing whether Meta got the send: resending could duplicate it.
      if (stored.completed) throw ActionApiErrors.idempotencyKeyInProgress();
      // A claim this old belongs to a request that died mid-send: waiting would not help, and resending could duplicate.
      if (Date.now() > deadline || stored.age_seconds > STALE_CLAIM_SECONDS) throw ActionApiErrors.idempotencyKeyInProgress();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async claim(accountId: string, key: string, hash: string): Promise<boolean> {
    await this.dataSource.query(
      // Expired keys of this account go now, so the table stays as small as 24 hours of traffic.
      `DELETE FROM api_idempotency_keys WHERE account_id = $1 AND created_at < now() - interval '24 hours'`,
      [accountId],
    );
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO api_idempotency_keys (account_id, idempotency_key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING idempotency_key`,
      [accountId, key, hash],
    );
    return rows.length === 1;
  }

  private async stored(accountId: string, key: string): Promise<StoredKey | undefined> {
    const [row] = await this.dataSource.query<StoredKey[]>(
      'SELECT request_hash, response_status, response_body, completed_at IS NOT NULL AS completed, EXTRACT(EPOCH FROM now() - created_at)::float8 AS age_seconds FROM api_idempotency_keys WHERE account_id = $1 AND idempotency_key = $2',
      [accountId, key],
    );
    return row;
  }

  private async executeClaimed<Fresh extends ActionResponse>(
    accountId: string,
    key: string,
    requestId: string,
    execute: () => Promise<Fresh>,
  ): Promise<Fresh> {
    try {
      const response = await execute();
      await this.complete(accountId, key, { status: response.status, body: response.body });
      return response;
    } catch (error) {
      // Meta answered, so the attempt happened: its error is the response to replay. Anything else never reached Meta,
      // unless the send is in doubt: then the key stays taken, with no answer to replay.
      if (error instanceof InstagramApiException && error.graphError.answeredByMeta) {
        const { status, body } = describeActionApiError(error, requestId);
        await this.complete(accountId, key, { status, body });
      } else if (error instanceof InstagramApiException && error.graphError.inDoubt) {
        await this.dataSource.query('UPDATE api_idempotency_keys SET completed_at = now() WHERE account_id = $1 AND idempotency_key = $2', [
          accountId,
          key,
        ]);
      } else {
        await this.dataSource.query(
          'DELETE FROM api_idempotency_keys WHERE account_id = $1 AND idempotency_key = $2 AND completed_at IS NULL',
          [accountId, key],
        );
      }
      throw error;
    }
  }

  private async complete(accountId: string, key: string, response: ActionResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_idempotency_keys SET response_status = $3, response_body = $4, completed_at = now() WHERE account_id = $1 AND idempotency_key = $2`,
      [accountId, key, response.status, JSON.stringify(response.body)],
    );
  }
}
