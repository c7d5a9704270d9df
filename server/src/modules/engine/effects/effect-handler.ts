import type { EffectOf, EffectType } from '@dmflow/shared';
import type { EntityManager } from 'typeorm';
import type { FlowRun } from '../entities/flow-run.entity';
import type { RunEffect } from '../entities/run-effect.entity';

export interface EffectExecution<T extends EffectType> {
  effect: EffectOf<T>;
  row: RunEffect;
  run: FlowRun;
  /**
   * Work for after the transaction that marks the effect done commits (queueing another run's effects that it
   * wrote); lost in a crash, which the outbox sweeper makes good.
   */
  afterCommit: (task: () => Promise<void>) => void;
}

/** What an effect produced, stored on its outbox row. */
export type EffectResult = Record<string, unknown>;

/**
 * Runs in the short transaction that marks the effect done: database writes here (feeding the answer back to the
 * run, recording an event) happen exactly once, and with the effect marked done.
 */
export type EffectRecord = (manager: EntityManager) => Promise<EffectResult>;

/**
 * A failure; `retryable` ones are retried with backoff, others mark the effect failed and fail the run (a retry can
 * resume it). `reconciling`: a send in doubt being settled with Meta, retried without counting against the attempts;
 * `in_doubt`: one that could not be settled, which stops the run as `in_doubt` rather than `failed`.
 */
export class EffectFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly doubt?: 'reconciling' | 'in_doubt',
  ) {
    super(message);
  }
}

/**
 * `execute` does the effect's outside work — a Graph API call, an HTTP request, a queue job — with no database
 * transaction open (a slow receiver must not pin a pool connection), then returns what to record.
 * `outbound` handlers call other services and may take seconds: the executor leases the effect during the call.
 * The others only write to the database, so they run inside one transaction as they always did.
 */
export interface EffectHandler<T extends EffectType> {
  readonly type: T;
  readonly outbound: boolean;
  execute(execution: EffectExecution<T>): Promise<EffectRecord>;
}
