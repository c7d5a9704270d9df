import { FaultPoint, FaultPoints, NO_FAULT_POINTS } from './fault-points';

/** TEST SEAM: the e2e and fault suites run the built server and hold it at a fault point through these variables. */
export const FAULT_POINT_PAUSE_VARIABLES: Record<FaultPoint, string> = {
  'before-effects': 'DMFLOW_TEST_PAUSE_BEFORE_EFFECTS_MS',
  'after-routing': 'DMFLOW_TEST_PAUSE_AFTER_ROUTING_MS',
  'after-send-claim': 'DMFLOW_TEST_PAUSE_AFTER_SEND_CLAIM_MS',
  'before-send-record': 'DMFLOW_TEST_PAUSE_BEFORE_SEND_RECORD_MS',
};

function pauseMs(env: Record<string, string | undefined>, point: FaultPoint): number {
  const value = Number(env[FAULT_POINT_PAUSE_VARIABLES[point]] ?? 0);
  return value > 0 ? value : 0;
}

/**
 * Chosen once, at bootstrap: with no DMFLOW_TEST_PAUSE_* variable set (every real install) this is the no-op;
 * otherwise each named point sleeps for its variable's milliseconds.
 */
export function faultPointsFromEnv(env: Record<string, string | undefined>): FaultPoints {
  const pauses = new Map<FaultPoint, number>();
  for (const point of Object.keys(FAULT_POINT_PAUSE_VARIABLES) as FaultPoint[]) {
    const ms = pauseMs(env, point);
    if (ms) pauses.set(point, ms);
  }
  if (!pauses.size) return NO_FAULT_POINTS;
  return {
    reached: async (point) => {
      const ms = pauses.get(point);
      if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
    },
  };
}
