import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FaultPoints, InjectFaultPoints } from '../../core/faults/fault-points';
import { EffectFailure } from './effects/effect-handler';
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
 * Executes a run's pending effects one at a time, oldest first, each in its own transaction that holds the
 * run's advisory lock and marks the effect done — so effects run in order, by one worker, and at most once
 * per committed outbox row (an external call interrupted by a crash is retried with the same idempotency key).
 */
@Injectable()
export class EffectExecutor {
  private readonly logger = new Logger(EffectExecutor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handlers: EffectHandlers,
    private readonly store: RunStore,
    @InjectFaultPoints() private readonly faults: FaultPoints,
  ) {}

  async drain(runId: string): Promise<number> {
    await this.faults.reached('before-effects');
    let executed = 0;
    while (await this.executeNext(runId)) executed++;
    return executed;
  }

  private async executeNext(runId: string): Promise<boolean> {
    let current: RunEffect | null = null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
          `run-effects:${runId}`,
        ]);
        if (!locked) throw new RunOutboxBusy(`run ${runId} outbox is being executed elsewhere`);
        current = await manager
          .createQueryBuilder(RunEffect, 'effect')
          .where('effect.run_id = :runId AND effect.status = :status', { runId, status: 'pending' })
          .orderBy('effect.id')
          .limit(1)
          .getOne();
        if (!current) return false;
        const run = await manager.findOneByOrFail(FlowRun, { id: runId });
        const result = await this.handlers.execute({ effect: current.effect, row: current, run, manager });
        await manager.query(
          `UPDATE run_effects SET status = 'done', result = $2, attempts = attempts + 1, executed_at = now(), last_error = NULL WHERE id = $1`,
          [current.id, JSON.stringify(result)],
        );
        return true;
      });
    } catch (error) {
      const failed: RunEffect | null = current;
      if (!failed || error instanceof RunOutboxBusy) throw error;
      return this.recordFailure(failed, error as Error);
    }
  }

  /**
   * Rethrows for a later retry; or gives the effect up, which fails the run (or stops it `in_doubt`, a send nobody
   * could settle with Meta) and skips its other pending effects (returns true: the drain loop then finds nothing left).
   */
  private async recordFailure(effect: RunEffect, error: Error): Promise<boolean> {
    const attempts = effect.attempts + 1;
    const retryable = !(error instanceof EffectFailure) || error.retryable;
    // Reconciling a send in doubt has its own deadline (MessagingService), so those attempts do not use up the effect's.
    const reconciling = error instanceof EffectFailure && error.doubt === 'reconciling';
    const giveUp = !retryable || (attempts >= MAX_ATTEMPTS && !reconciling);
    this.logger.warn({
      msg: 'effect failed',
      effect_key: effect.effectKey,
      effect_type: effect.effectType,
      attempts,
      gave_up: giveUp,
      error: error.message,
    });
    if (!giveUp) {
      await this.dataSource.manager.update(RunEffect, effect.id, { attempts, lastError: error.message.slice(0, 2000) });
      throw error;
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(RunEffect, effect.id, { attempts, lastError: error.message.slice(0, 2000), status: 'failed' });
      const inDoubt = error instanceof EffectFailure && error.doubt === 'in_doubt';
      await this.store.failAtEffect(manager, effect, error.message, inDoubt ? 'in_doubt' : 'failed');
    });
    return true;
  }
}
