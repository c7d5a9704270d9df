import { Inject } from '@nestjs/common';

/**
 * Named gaps in production code where a crash test needs the process held, to SIGKILL it exactly there:
 * - `before-effects`: an outbox batch is committed and no outbound call has been made yet (an inbox event's transaction
 *   may have claimed the run's first send with it);
 * - `after-routing`: an inbox event's run step is committed and the router's own bookkeeping is not;
 * - `after-send-claim`: a send's claim is committed and Meta has not been called yet;
 * - `before-send-record`: Meta answered a send and the answer is not recorded yet.
 */
export type FaultPoint = 'before-effects' | 'after-routing' | 'after-send-claim' | 'before-send-record';

/** A test seam: production code announces each fault point; only a test build of the process does anything there. */
export interface FaultPoints {
  reached(point: FaultPoint): Promise<void>;
}

export const FAULT_POINTS = 'FaultPoints';

export function InjectFaultPoints(): ParameterDecorator {
  return Inject(FAULT_POINTS);
}

/** The default: every fault point passes straight through. */
export const NO_FAULT_POINTS: FaultPoints = { reached: () => Promise.resolve() };
