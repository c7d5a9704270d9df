import type { RunStep } from '@dmflow/shared';
import type { RunStatus } from './entities/flow-run.entity';

/** Where a step leaves the run: ended, waiting on our own HTTP effect (active), or on the contact or a timer. */
export function statusAfter(step: RunStep): RunStatus {
  if (step.done) return 'completed';
  return step.snapshot.context.node.pendingEffectKey ? 'active' : 'waiting';
}
