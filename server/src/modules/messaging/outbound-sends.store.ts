import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { untilPostgresAnswers } from '../../core/database/until-postgres-answers';
import { ProcessLiveness } from '../../core/liveness/process-liveness';

/**
 * `claimed`: this attempt may call Meta. `sent`: done before, here is its result. `in_doubt`: an earlier attempt
 * claimed the key and never recorded Meta's answer (crash, lost answer); `claimedAt` is when it did, and
 * `claimerAlive` whether the process that claimed it still runs (so may still be calling Meta).
 */
export type SendClaim<T> =
  { state: 'claimed' } | { state: 'sent'; result: T } | { state: 'in_doubt'; claimedAt: Date; claimerAlive: boolean };

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
   * calling a send that never happened "in doubt". Committed on its own, retried through a Postgres restart.
   */
  async claim<T>(idempotencyKey: string, instagramAccountId: string): Promise<SendClaim<T>> {
    const token = randomUUID();
    await this.liveness.whenHeld();
    return untilPostgresAnswers(() => this.claimIn(this.dataSource.manager, idempotencyKey, instagramAccountId, token));
  }

  /**
   * The same claim inside the caller's transaction (the engine's effect claim), which commits it before the call: a
   * failed transaction claimed nothing, and the caller finds out whether an unanswered commit went through.
   */
  async claimWithin<T>(manager: EntityManager, idempotencyKey: string, instagramAccountId: string): Promise<SendClaim<T>> {
    await this.liveness.whenHeld();
    return this.claimIn(manager, idempotencyKey, instagramAccountId, randomUUID());
  }

  private async claimIn<T>(
    manager: EntityManager,
    idempotencyKey: string,
    instagramAccountId: string,
    token: string,
  ): Promise<SendClaim<T>> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO outbound_sends (idempotency_key, instagram_account_id, status, result, claim_boot) VALUES ($1, $2, 'sending', $3, $4) ON CONFLICT DO NOTHING RETURNING idempotency_key`,
      [idempotencyKey, instagramAccountId, JSON.stringify({ claim: token }), this.liveness.bootId],
    );
    if (inserted.length) return { state: 'claimed' };
    const [row] = await manager.query<Array<{ status: string; result: T & { claim?: string }; created_at: Date; claimer_alive: boolean }>>(
      `SELECT status, result, created_at, (claim_boot IS NULL OR NOT $2 OR ${ProcessLiveness.aliveSql('claim_boot')}) AS claimer_alive
         FROM outbound_sends WHERE idempotency_key = $1`,
      [idempotencyKey, this.liveness.mayJudgeOthers()],
    );
    if (!row) throw new Error('claim row vanished; trying again');
    if (row.status === 'sending' && row.result?.claim === token) return { state: 'claimed' };
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
    await untilPostgresAnswers(() =>
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

  /**
   * Records what a send made. On its own it is retried through a Postgres restart (failing to write it would leave the
   * send in doubt although we know what happened); in the caller's transaction (the engine records its effect with
   * it) the caller writes it on its own if that transaction fails. Idempotent.
   */
  async markSent(idempotencyKey: string, result: unknown, manager?: EntityManager): Promise<void> {
    const write = (runner: EntityManager) =>
      runner.query(`UPDATE outbound_sends SET status = 'sent', result = $2, sent_at = now() WHERE idempotency_key = $1`, [
        idempotencyKey,
        JSON.stringify(result),
      ]);
    if (manager) await write(manager);
    else await untilPostgresAnswers(() => write(this.dataSource.manager));
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
    await untilPostgresAnswers(() =>
      this.dataSource.query(`DELETE FROM outbound_sends WHERE idempotency_key = $1 AND status = 'sending'`, [idempotencyKey]),
    );
  }
}
