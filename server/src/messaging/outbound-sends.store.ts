import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '../common/app.exception';

export type SendClaim<T> = { claimed: true } | { claimed: false; result: T };

/** How long the outcome of a send made (or refused) is retried into Postgres, e.g. across a Postgres restart. */
const OUTCOME_WRITE_DEADLINE_MS = 60_000;
const OUTCOME_WRITE_PAUSE_MS = 500;

/**
 * Writes the outcome of a call already made to Meta. Failing to write it would leave the claim 'sending', and the
 * send "in doubt" for ever although we know what happened, so a write that fails (Postgres restarting) is retried.
 * Both writes are idempotent.
 */
async function writeOutcome(write: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + OUTCOME_WRITE_DEADLINE_MS;
  for (;;) {
    try {
      await write();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, OUTCOME_WRITE_PAUSE_MS));
    }
  }
}

/**
 * Remembers sends made under an idempotency key, so a retried job or request never messages a person twice.
 * A claim left 'sending' (crash during the call) is never re-sent: Instagram users cannot dedupe, so we
 * prefer at-most-once and report the send as in doubt.
 */
@Injectable()
export class OutboundSendsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim<T>(idempotencyKey: string, instagramAccountId: string): Promise<SendClaim<T>> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO outbound_sends (idempotency_key, instagram_account_id, status) VALUES ($1, $2, 'sending') ON CONFLICT DO NOTHING RETURNING idempotency_key`,
      [idempotencyKey, instagramAccountId],
    );
    if (inserted.length) return { claimed: true };
    const [row]: Array<{ status: string; result: T }> = await this.dataSource.query('SELECT status, result FROM outbound_sends WHERE idempotency_key = $1', [idempotencyKey]);
    if (row?.status === 'sent') return { claimed: false, result: row.result };
    throw new AppException(HttpStatus.CONFLICT, 'send_in_doubt', 'A send with this idempotency key is in progress or was interrupted; it is not sent again.');
  }

  async markSent(idempotencyKey: string, result: unknown): Promise<void> {
    await writeOutcome(() =>
      this.dataSource.query(`UPDATE outbound_sends SET status = 'sent', result = $2, sent_at = now() WHERE idempotency_key = $1`, [idempotencyKey, JSON.stringify(result)]),
    );
  }

  /** Meta refused the send, so nothing went out: a later attempt may try again. */
  async release(idempotencyKey: string): Promise<void> {
    await writeOutcome(() => this.dataSource.query(`DELETE FROM outbound_sends WHERE idempotency_key = $1 AND status = 'sending'`, [idempotencyKey]));
  }
}
