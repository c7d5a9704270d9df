import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdempotencyErrors } from './idempotency.errors';

/** A response as it is stored under a key and replayed. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * What a failed first request leaves under its key: an answer to replay (it counts as the outcome), nothing
 * (`release`: it surely had no effect, so a retry may run), or the key taken and unanswered (`unanswered`: it may
 * have had an effect nobody knows of, so it is never run again).
 */
export type FailureOutcome = { replay: StoredResponse } | 'release' | 'unanswered';

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

/** The request's fingerprint under a key: the same key with another fingerprint is refused (422). */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * The Idempotency-Key contract shared by /api-webhook and the /v1 POSTs: within 24 h, the same key and request
 * replay the first response and the side effect happens once; the same key with another request is 422
 * `idempotency_key_reused`. The first request holds the key in Postgres (`api_idempotency_keys`, per account)
 * while it runs; concurrent ones wait for its response, and one that died mid-way leaves the key unanswered
 * (409 `idempotency_key_in_progress`). What a failure leaves is the caller's to say (FailureOutcome).
 */
@Injectable()
export class IdempotencyKeys {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<Fresh extends StoredResponse>(
    accountId: string,
    key: string,
    request: unknown,
    execute: () => Promise<Fresh>,
    onFailure: (error: unknown) => FailureOutcome,
  ): Promise<{ replayed: false; response: Fresh } | { replayed: true; response: StoredResponse }> {
    if (!KEY_PATTERN.test(key)) throw IdempotencyErrors.invalidKey();
    const hash = requestHash(request);
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      if (await this.claim(accountId, key, hash))
        return { replayed: false, response: await this.executeClaimed(accountId, key, execute, onFailure) };
      const stored = await this.stored(accountId, key);
      if (!stored) continue;
      if (stored.request_hash !== hash) throw IdempotencyErrors.reused();
      if (stored.response_status !== null)
        return { replayed: true, response: { status: stored.response_status, body: stored.response_body } };
      // The first request ended without knowing what its side effect did: running it again could duplicate it.
      if (stored.completed) throw IdempotencyErrors.inProgress();
      // A claim this old belongs to a request that died mid-way: waiting would not help, and running again could duplicate.
      if (Date.now() > deadline || stored.age_seconds > STALE_CLAIM_SECONDS) throw IdempotencyErrors.inProgress();
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

  private async executeClaimed<Fresh extends StoredResponse>(
    accountId: string,
    key: string,
    execute: () => Promise<Fresh>,
    onFailure: (error: unknown) => FailureOutcome,
  ): Promise<Fresh> {
    try {
      const response = await execute();
      await this.complete(accountId, key, { status: response.status, body: response.body });
      return response;
    } catch (error) {
      const outcome = onFailure(error);
      if (outcome === 'unanswered') {
        await this.dataSource.query('UPDATE api_idempotency_keys SET completed_at = now() WHERE account_id = $1 AND idempotency_key = $2', [
          accountId,
          key,
        ]);
      } else if (outcome === 'release') {
        await this.dataSource.query(
          'DELETE FROM api_idempotency_keys WHERE account_id = $1 AND idempotency_key = $2 AND completed_at IS NULL',
          [accountId, key],
        );
      } else {
        await this.complete(accountId, key, outcome.replay);
      }
      throw error;
    }
  }

  private async complete(accountId: string, key: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_idempotency_keys SET response_status = $3, response_body = $4, completed_at = now() WHERE account_id = $1 AND idempotency_key = $2`,
      [accountId, key, response.status, JSON.stringify(response.body)],
    );
  }
}
