import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { FaultPoints, InjectFaultPoints } from '../../core/faults/fault-points';
import { ProcessLiveness } from '../../core/liveness/process-liveness';
import { EffectDispatcher } from './effect-dispatcher';
import { EffectFailure, type EffectRecord, type EffectResult } from './effects/effect-handler';
import { EffectHandlers } from './effects/effect-handlers';
import { FlowRun } from './entities/flow-run.entity';
import { RunEffect } from './entities/run-effect.entity';
import { RunStore } from './run-store';

/** Another worker is draining this run's outbox; the job is retried shortly (Bull backoff). */
export class RunOutboxBusy extends Error {}

/**
 * Retryable failures (Meta rate limits and 5xx, Postgres or Redis hiccups) are retried this often before the
 * effect is given up, about 3 minutes with the job's backoff and the outbox sweeper. At 5 attempts a Graph API
 * failing 30% of calls lost 0.3^5 = 1 send in 400 (the fault suite saw it); at 12 it is 1 in 2 million.
 */
const MAX_ATTEMPTS = 12;

/**
 * An outbound effect's lease: renewed while the call runs, so only a dead worker's claim lapses (then another takes
 * over). A claim also names its process's boot: one whose process died is taken over at once (ProcessLiveness), so
 * the lease only matters when that cannot be told (a claim from before boots were recorded, a vanished host).
 */
const CLAIM_LEASE_MS = 30_000;
const CLAIM_RENEW_MS = 10_000;

/**
 * One job executes at most this many effects, then puts the run back in line: a run that keeps producing effects
 * (a loop through an HTTP block) shares the outbound workers with everyone else's sends.
 */
const EFFECTS_PER_JOB = 20;

interface Claim {
  effect: RunEffect;
  run: FlowRun;
  claimId: string;
}

/**
 * Executes a run's pending effects one at a time, oldest first, under the run's advisory lock — so effects run in
 * order, by one worker, and at most once per committed outbox row (an external call interrupted by a crash is
 * retried with the same idempotency key).
 *
 * No transaction is open during an outbound call (a Graph API send, an HTTP block's request): the effect is claimed
 * in one short transaction, called, and recorded in another that checks the claim still holds — so a slow receiver
 * pins no pool connection, and an effect cancelled meanwhile records nothing (its run is cancelled: nothing follows).
 * Effects that only write to the database run in one transaction, as before.
 */
@Injectable()
export class EffectExecutor {
  private readonly logger = new Logger(EffectExecutor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handlers: EffectHandlers,
    private readonly store: RunStore,
    private readonly dispatcher: EffectDispatcher,
    @InjectFaultPoints() private readonly faults: FaultPoints,
    private readonly liveness: ProcessLiveness,
  ) {}

  async drain(runId: string): Promise<number> {
    await this.faults.reached('before-effects');
    let executed = 0;
    while (await this.executeNext(runId)) {
      if (++executed < EFFECTS_PER_JOB) continue;
      await this.dispatcher.dispatch(runId);
      break;
    }
    return executed;
  }

  private async executeNext(runId: string): Promise<boolean> {
    let current: RunEffect | null = null;
    const afterCommit: Array<() => Promise<void>> = [];
    const later = (task: () => Promise<void>) => void afterCommit.push(task);
    try {
      const claim = await this.dataSource.transaction(async (manager): Promise<Claim | boolean | null> => {
        await this.lockOutbox(manager, runId, 'try');
        current = await manager
          .createQueryBuilder(RunEffect, 'effect')
          .where('effect.run_id = :runId AND effect.status = :status', { runId, status: 'pending' })
          .orderBy('effect.id')
          .limit(1)
          .getOne();
        if (!current) return null;
        const run = await manager.findOneByOrFail(FlowRun, { id: runId });
        if (!this.handlers.isOutbound(current.effect)) {
          const record = await this.handlers.execute({ effect: current.effect, row: current, run, afterCommit: later });
          return this.markDone(manager, current, await record(manager));
        }
        return { effect: current, run, claimId: await this.claim(manager, current) };
      });
      if (claim === null) return false;
      if (typeof claim === 'boolean') {
        await this.runAfterCommit(afterCommit);
        return claim;
      }
      const record = await this.whileLeased(claim, () =>
        this.handlers.execute({ effect: claim.effect.effect, row: claim.effect, run: claim.run, afterCommit: later }),
      );
      const morePending = await this.recordClaimed(claim, record);
      await this.runAfterCommit(afterCommit);
      return morePending;
    } catch (error) {
      const failed: RunEffect | null = current;
      if (!failed || error instanceof RunOutboxBusy) throw error;
      return this.recordFailure(failed, error as Error);
    }
  }

  private async runAfterCommit(tasks: Array<() => Promise<void>>): Promise<void> {
    for (const task of tasks) {
      await task().catch((error: Error) =>
        this.logger.warn({ msg: 'after-commit work failed; the sweeper retries', error: error.message }),
      );
    }
  }

  /** `try` fails fast when another worker drains the outbox; `wait` waits out another worker's short transaction. */
  private async lockOutbox(manager: EntityManager, runId: string, mode: 'try' | 'wait'): Promise<void> {
    const key = `run-effects:${runId}`;
    if (mode === 'wait') {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
      return;
    }
    const [{ locked }] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [key]);
    if (!locked) throw new RunOutboxBusy(`run ${runId} outbox is being executed elsewhere`);
  }

  /**
   * Takes the effect's lease, unless a live worker holds it (busy: the job is retried later). A claim of a process
   * that died is taken over at once; one of this process is live (its worker renews it) until it lapses.
   */
  private async claim(manager: EntityManager, effect: RunEffect): Promise<string> {
    const claimId = randomUUID();
    await this.liveness.whenHeld();
    const [, affected] = await manager.query<[unknown, number]>(
      `UPDATE run_effects SET claim_id = $2, claim_boot = $4, claimed_until = now() + make_interval(secs => $3::double precision / 1000)
        WHERE id = $1 AND (claimed_until IS NULL OR claimed_until < now()
          OR ($5 AND claim_boot IS NOT NULL AND claim_boot <> $4 AND NOT ${ProcessLiveness.aliveSql('claim_boot')}))`,
      [effect.id, claimId, CLAIM_LEASE_MS, this.liveness.bootId, this.liveness.mayJudgeOthers()],
    );
    if (affected !== 1) throw new RunOutboxBusy(`effect ${effect.effectKey} is being executed elsewhere`);
    return claimId;
  }

  private async whileLeased<T>(claim: Claim, call: () => Promise<T>): Promise<T> {
    const renew = setInterval(() => {
      this.dataSource
        .query(
          `UPDATE run_effects SET claimed_until = now() + make_interval(secs => $3::double precision / 1000) WHERE id = $1 AND claim_id = $2`,
          [claim.effect.id, claim.claimId, CLAIM_LEASE_MS],
        )
        .catch((error: Error) =>
          this.logger.warn({ msg: 'effect lease renewal failed', effect_key: claim.effect.effectKey, error: error.message }),
        );
    }, CLAIM_RENEW_MS);
    try {
      return await call();
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Records the call's outcome if the effect is still ours and pending. A cancelled run's effects are no longer
   * pending, so the answer is dropped and the run takes no further step.
   */
  private recordClaimed(claim: Claim, record: EffectRecord): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockOutbox(manager, claim.run.id, 'wait');
      const [row] = await manager.query<Array<{ status: string; claim_id: string | null }>>(
        'SELECT status, claim_id FROM run_effects WHERE id = $1',
        [claim.effect.id],
      );
      if (row?.status !== 'pending' || row.claim_id !== claim.claimId) {
        this.logger.log({ msg: 'effect outcome dropped', effect_key: claim.effect.effectKey, status: row?.status ?? 'deleted' });
        await manager.query(
          'UPDATE run_effects SET claim_id = NULL, claim_boot = NULL, claimed_until = NULL WHERE id = $1 AND claim_id = $2',
          [claim.effect.id, claim.claimId],
        );
        return true;
      }
      return this.markDone(manager, claim.effect, await record(manager));
    });
  }

  /**
   * Marks the effect done and says, in the same statement, whether the run has other pending effects: after its last
   * one the drain stops without looking again. An effect a later step writes meanwhile is not missed: whoever commits
   * a step with effects executes or dispatches them after its commit (and waits for this drain's lock, or queues).
   */
  private async markDone(manager: EntityManager, effect: RunEffect, result: EffectResult): Promise<boolean> {
    const [rows] = await manager.query<[Array<{ more: boolean }>, number]>(
      `UPDATE run_effects SET status = 'done', result = $2, attempts = attempts + 1, executed_at = now(), last_error = NULL,
              claim_id = NULL, claim_boot = NULL, claimed_until = NULL WHERE id = $1
       RETURNING EXISTS (SELECT 1 FROM run_effects other
                          WHERE other.run_id = run_effects.run_id AND other.status = 'pending' AND other.id <> run_effects.id) AS more`,
      [effect.id, JSON.stringify(result)],
    );
    return rows[0]?.more ?? false;
  }

  /**
   * Rethrows for a later retry; or gives the effect up, which fails the run (or stops it `in_doubt`, a send nobody
   * could settle with Meta) and skips its other pending effects (returns true: the drain loop then finds nothing left).
   */
  private async recordFailure(effect: RunEffect, error: Error): Promise<boolean> {
    const retryable = !(error instanceof EffectFailure) || error.retryable;
    // Reconciling a send in doubt has its own deadline (MessagingService), so those attempts are not counted: the
    // re-send that may follow still has all of the effect's attempts left.
    const reconciling = error instanceof EffectFailure && error.doubt === 'reconciling';
    const attempts = reconciling ? effect.attempts : effect.attempts + 1;
    const giveUp = !retryable || (attempts >= MAX_ATTEMPTS && !reconciling);
    this.logger.warn({
      msg: 'effect failed',
      effect_key: effect.effectKey,
      effect_type: effect.effectType,
      attempts,
      gave_up: giveUp,
      error: error.message,
    });
    const lastError = error.message.slice(0, 2000);
    if (!giveUp) {
      await this.dataSource.manager.update(
        RunEffect,
        { id: effect.id, status: 'pending' },
        { attempts, lastError, claimId: null, claimBoot: null, claimedUntil: null },
      );
      throw error;
    }
    await this.dataSource.transaction(async (manager) => {
      const updated = await manager.update(
        RunEffect,
        { id: effect.id, status: 'pending' },
        { attempts, lastError, status: 'failed', claimId: null, claimBoot: null, claimedUntil: null },
      );
      const inDoubt = error instanceof EffectFailure && error.doubt === 'in_doubt';
      // Cancelled meanwhile: the run has ended and keeps its status.
      if (updated.affected === 1) await this.store.failAtEffect(manager, effect, error.message, inDoubt ? 'in_doubt' : 'failed');
    });
    return true;
  }
}
