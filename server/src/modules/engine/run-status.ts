import type { PersistedRunSnapshot, RunStep } from '@dmflow/shared';
import type { RunStatus } from './entities/flow-run.entity';

export { OPEN_RUN_STATUSES, RUN_STATUSES, type RunStatus } from './entities/flow-run.entity';
export type { RunEffectStatus } from './entities/run-effect.entity';

/** Where a snapshot leaves the run: ended, waiting on our own HTTP effect (active), or on the contact or a timer. */
export function statusOf(snapshot: PersistedRunSnapshot): RunStatus {
  if (snapshot.status === 'done') return 'completed';
  return snapshot.context.node.pendingEffectKey ? 'active' : 'waiting';
}

export function statusAfter(step: RunStep): RunStatus {
  return statusOf(step.snapshot);
}
