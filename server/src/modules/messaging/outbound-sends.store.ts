import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProcessLiveness } from '../../core/liveness/process-liveness';

/**
 * `claimed`: this attempt may call Meta. `sent`: done before, here is its result. `in_doubt`: an earlier attempt
 * claimed the key and never recorded Meta's answer (crash, lost answer); `claimedAt` is when it did, and
 * `claimerAlive` whether the process that claimed it still runs (so may still be calling Meta).
 */
export type SendClaim<T> =
  { state: 'claimed' } | { state: 'sent'; result: T } | { state: 'in_doubt'; claimedAt: Date; claimerAlive: boolean };

/** How long a claim or the outcome of a send is retried into Postgres, e.g. across a Postgres restart. */
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
 * A claim left 'sending' (crash during the call, or an answer lost) is in doubt: it is never re-sent blindly;
 * SendReconciler asks Meta what became of it.
 */
@Injectable()
export class OutboundSendsStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly liveness: ProcessLiveness,
  ) {}

  /**
   * The claim row carries a token of this attempt (in `result` until the send's own result replaces it): if Postgres
   * went away after committing the INSERT but before answering, the retried claim recognises its own row instead of
   * calling a send that never happened "in doubt".
   */
  async claim<T>(idempotencyKey: string, instagramAccountId: string): Promise<SendClaim<T>> {
    const token = randomUUID();
    let row: { status: string; result: T & { claim?: string }; created_at: Date; claimer_alive: boolean } | undefined;
    await this.liveness.whenHeld();
    await writeOutcome(async () => {
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO outbound_sends (idempotency_key, instagram_account_id, status, result, claim_boot) VALUES ($1, $2, 'sending', $3, $4) ON CONFLICT DO NOTHING RETURNING idempotency_key`,
        [idempotencyKey, instagramAccountId, JSON.stringify({ claim: token }), this.liveness.bootId],
      );
      row = inserted.length
        ? undefined
        : (
            await this.dataSource.query<Array<NonNullable<typeof row>>>(
              `SELECT status, result, created_at, (claim_boot IS NULL OR NOT $2 OR ${ProcessLiveness.aliveSql('claim_boot')}) AS claimer_alive
                 FROM outbound_sends WHERE idempotency_key = $1`,
              [idempotencyKey, this.liveness.mayJudgeOthers()],
            )
          )[0];
      if (!inserted.length && !row) throw new Error('claim row vanished; trying again');
    });
    if (!row || (row.status === 'sending' && row.result?.claim === token)) return { state: 'claimed' };
    if (row.status === 'sent') return { state: 'sent', result: row.result };
    return { state: 'in_doubt', claimedAt: new Date(row.created_at), claimerAlive: row.claimer_alive };
  }

  /** Marks the start of reconciling a send in doubt (kept if already set); returns when it began. */
  async reconcilingSince(idempotencyKey: string): Promise<Date> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING as [rows, count].
    const rows = await this.dataSource.query<Array<{ since: Date }>>(
      `WITH marked AS (UPDATE outbound_sends SET in_doubt_since = COALESCE(in_doubt_since, now()) WHERE idempotency_key = $1 RETURNING in_doubt_since)
       SELECT in_doubt_since AS since FROM marked`,
      [idempotencyKey],
    );
    return rows[0] ? new Date(rows[0].since) : new Date();
  }

  /** A person asked to try again: reconciliation starts over with a fresh deadline. */
  async restartReconciliation(idempotencyKey: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbound_sends SET in_doubt_since = NULL WHERE idempotency_key = $1 AND status = 'sending'`, [
      idempotencyKey,
    ]);
  }

  /**
   * Before re-sending a send found not to have happened: the claim is dated now and made this process's, so a later
   * lookup looks from here on too, and waits for this process if it is still calling.
   */
  async reclaim(idempotencyKey: string): Promise<void> {
    await this.liveness.whenHeld();
    await writeOutcome(() =>
      this.dataSource.query(
        `UPDATE outbound_sends SET created_at = now(), claim_boot = $2 WHERE idempotency_key = $1 AND status = 'sending'`,
        [idempotencyKey, this.liveness.bootId],
      ),
    );
  }

  /** Which of these Instagram message (or reply comment) ids are already recorded as the result of some send of this Instagram account. */
  async recordedMessageIds(instagramAccountId: string, messageIds: string[]): Promise<Set<string>> {
    if (!messageIds.length) return new Set();
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT COALESCE(result->>'messageId', result->>'id') AS id FROM outbound_sends
        WHERE instagram_account_id = $1 AND status = 'sent' AND COALESCE(result->>'messageId', result->>'id') = ANY($2::text[])`,
      [instagramAccountId, messageIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  async markSent(idempotencyKey: string, result: unknown): Promise<void> {
    await writeOutcome(() =>
      this.dataSource.query(`UPDATE outbound_sends SET status = 'sent', result = $2, sent_at = now() WHERE idempotency_key = $1`, [
        idempotencyKey,
        JSON.stringify(result),
      ]),
    );
  }

  /** A send claimed under this key whose outcome is unknown (the call may have reached Meta): it is never made again. */
  async isInDoubt(idempotencyKey: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM outbound_sends WHERE idempotency_key = $1 AND status = 'sending'`, [
      idempotencyKey,
    ]);
    return rows.length > 0;
  }

  /** Meta refused the send, so nothing went out: a later attempt may try again. */
  async release(idempotencyKey: string): Promise<void> {
    await writeOutcome(() =>
      this.dataSource.query(`DELETE FROM outbound_sends WHERE idempotency_key = $1 AND status = 'sending'`, [idempotencyKey]),
    );
  }
}
