import { cpus } from 'node:os';
import { waitFor } from '../harness';
import type { TrafficResult } from '../load/scenario';
import { type FaultRig, startFaultRig } from './fault-rig';
import { checkInvariants, type InvariantReport } from './invariants';
import { isQuiescent, stuckWork, type StuckWork } from './stuck-work';

export const FAULT_CONTACTS = Number(process.env.FAULTS_CONTACTS ?? 150);
const QUIESCENCE_DEADLINE_MS = Number(process.env.FAULTS_QUIESCENCE_MS ?? 240_000);

/** What a fault did, for the summary line: when it was healed and anything it counted. */
export interface FaultRecord {
  /** Epoch ms when the fault ended (the server back, Redis or Postgres up again, failures switched off). */
  healedAt?: number;
  notes?: Record<string, number | string>;
}

export interface FaultScenario {
  /** Printed in the summary. */
  name: string;
  contacts?: number;
  serverEnv?: Record<string, string>;
  /** Sets up standing conditions before traffic starts (e.g. failure rules at the sandbox). */
  before?(rig: FaultRig): Promise<void>;
  /** Runs alongside the traffic; `progress()` = contacts finished so far. */
  inject(rig: FaultRig, progress: () => number, record: FaultRecord): Promise<void>;
}

export interface FaultOutcome {
  traffic: TrafficResult;
  report: InvariantReport;
  stuck: StuckWork;
  summary: Record<string, unknown>;
}

/** Resolves once `progress()` reaches `count` (or `timeoutMs` passes: the fault then fires late rather than never). */
export async function whenProgress(progress: () => number, count: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (progress() < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * Drives the lead-gen scenario while `inject` breaks something, waits until nothing is left in flight anywhere,
 * then checks the invariants. Prints one summary line per fault (figures go to the README).
 */
export async function runFaultScenario(rig: FaultRig, scenario: FaultScenario): Promise<FaultOutcome> {
  const contacts = scenario.contacts ?? FAULT_CONTACTS;
  const started = Date.now();
  await scenario.before?.(rig);
  let finished = 0;
  const record: FaultRecord = {};
  const traffic = rig.drive({ contacts, maxInFlight: 50, stepTimeoutMs: 200_000, onContactDone: () => finished++ });
  await scenario.inject(rig, () => finished, record);
  const result = await traffic;
  const trafficDone = Date.now();
  const stuck = await waitFor(() => stuckWork(rig.database.url, rig.redis.url, rig.server.env.QUEUE_PREFIX), isQuiescent, QUIESCENCE_DEADLINE_MS, 'no work left in flight').catch(async (error: Error) => {
    console.log(`[faults] ${scenario.name}: ${error.message}`);
    return stuckWork(rig.database.url, rig.redis.url, rig.server.env.QUEUE_PREFIX);
  });
  const quiescentAt = Date.now();
  // Anything a killed process left queued gets its chance to (wrongly) act twice before we count.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const report = await checkInvariants(rig, result);
  const summary = {
    fault: scenario.name,
    cores: cpus().length,
    contacts,
    completed: result.contacts.filter((contact) => contact.flowCompletedAt !== undefined).length,
    ...report.figures,
    metaRetries: result.contacts.reduce((sum, contact) => sum + Math.max(0, contact.commentAttempts - 1) + Math.max(0, contact.answerAttempts - 1), 0),
    trafficSeconds: round((trafficDone - started) / 1000),
    recoverySeconds: record.healedAt ? round((quiescentAt - record.healedAt) / 1000) : null,
    totalSeconds: round((quiescentAt - started) / 1000),
    ...record.notes,
  };
  console.log(`[faults] ${JSON.stringify(summary)}`);
  return { traffic: result, report, stuck, summary };
}

const round = (value: number) => Math.round(value * 10) / 10;

export { startFaultRig };
