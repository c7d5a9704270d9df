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
 * An effect that only writes to the database: `execute` prepares it (it may read) and returns what to write, in the one
 * transaction that marks the effect done.
 */
export interface EffectHandler<T extends EffectType> {
  readonly type: T;
  readonly outbound: false;
  execute(execution: EffectExecution<T>): Promise<EffectRecord>;
}

/**
 * What an outbound call made. `record` runs only while the effect is still claimed and pending (a run cancelled during
 * the call drops its answer); `made`, if any, runs in the same transaction whatever became of the effect (a message
 * that went out is recorded as sent), and, without a manager, on its own when that transaction fails.
 */
export interface OutboundOutcome {
  record: EffectRecord;
  made?: (manager?: EntityManager) => Promise<void>;
}

/** Made after the claim commits, with no transaction open, under the effect's lease. */
export type OutboundCall = () => Promise<OutboundOutcome>;

/**
 * An effect that calls another service — a Graph API send, an HTTP request — and may take seconds: no transaction is
 * open during the call (a slow receiver must not pin a pool connection). `claim` runs in the transaction that claims
 * the effect, so what it reads and claims there (a send's account, token and idempotency claim) commits with the
 * effect's claim, before the call; it returns the call.
 */
export interface OutboundEffectHandler<T extends EffectType> {
  readonly type: T;
  readonly outbound: true;
  claim(execution: EffectExecution<T>, manager: EntityManager): Promise<OutboundCall>;
}

/** For an outbound effect that needs nothing from the claim's transaction: the whole of it is the call. */
export function callAfterClaim(call: () => Promise<EffectRecord>): Promise<OutboundCall> {
  return Promise.resolve(async () => ({ record: await call() }));
}
