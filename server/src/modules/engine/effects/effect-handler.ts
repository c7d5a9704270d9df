import type { EffectOf, EffectType } from '@dmflow/shared';
import type { EntityManager } from 'typeorm';
import type { FlowRun } from '../entities/flow-run.entity';
import type { RunEffect } from '../entities/run-effect.entity';

export interface EffectExecution<T extends EffectType> {
  effect: EffectOf<T>;
  row: RunEffect;
  run: FlowRun;
  /** The transaction that marks the effect done: database writes here happen exactly once. */
  manager: EntityManager;
}

/** What an effect produced, stored on its outbox row. */
export type EffectResult = Record<string, unknown>;

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

export interface EffectHandler<T extends EffectType> {
  readonly type: T;
  execute(execution: EffectExecution<T>): Promise<EffectResult>;
}
