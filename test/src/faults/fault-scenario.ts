import { cpus } from 'node:os';
import { waitFor } from '../harness';
import type { TrafficResult } from '../load/scenario';
import { type FaultRig, startFaultRig } from './fault-rig';
import { checkInvariants, type InvariantReport } from './invariants';
import { isQuiescent, stuckWork, type StuckWork } from './stuck-work';

export const FAULT_CONTACTS = Number(process.env.FAULTS_CONTACTS ?? 150);
/** New contacts per second (open loop), so faults land while comments and answers are still arriving. */
export const FAULT_RATE = Number(process.env.FAULTS_RATE ?? 5);
const QUIESCENCE_DEADLINE_MS = Number(process.env.FAULTS_QUIESCENCE_MS ?? 240_000);

/** What a fault did, for the summary line: when it was healed and anything it counted. */
export interface FaultRecord {
  /** Epoch ms when the fault ended (the server back, Redis or Postgres up again, failures switched off). */
  healedAt?: number;
  /** Read when the summary is printed (after the traffic), so counters kept by the fault are complete. */
  notes?: () => Record<string, number | string>;
}

export interface FaultScenario {
  /** Printed in the summary. */
  name: string;
  contacts?: number;
  serverEnv?: Record<string, string>;
  /** Sets up standing conditions before traffic starts (e.g. failure rules at the sandbox). */
  before?(rig: FaultRig): void | Promise<void>;
  /** Runs alongside the traffic; `at(share)` resolves when that share (0..1) of the contacts' arrival time has passed. */
  inject(rig: FaultRig, at: (share: number) => Promise<void>, record: FaultRecord): Promise<void>;
}

export interface FaultOutcome {
  traffic: TrafficResult;
  report: InvariantReport;
  stuck: StuckWork;
  summary: Record<string, unknown>;
}

/**
 * Drives the lead-gen scenario while `inject` breaks something, waits until nothing is left in flight anywhere,
 * then checks the invariants. Prints one summary line per fault (figures go to docs/fault-tolerance.md).
 */
export async function runFaultScenario(rig: FaultRig, scenario: FaultScenario): Promise<FaultOutcome> {
  const contacts = scenario.contacts ?? FAULT_CONTACTS;
  const started = Date.now();
  await scenario.before?.(rig);
  const record: FaultRecord = {};
  const trafficStart = Date.now();
  const arrivalMs = (contacts / FAULT_RATE) * 1000;
  const at = (share: number) =>
    new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, trafficStart + share * arrivalMs - Date.now())));
  const traffic = rig.drive({ contacts, maxInFlight: contacts, ratePerSecond: FAULT_RATE, stepTimeoutMs: 90_000 });
  await scenario.inject(rig, at, record);
  const result = await traffic;
  const trafficDone = Date.now();
  const stuck = await waitFor(
    () => stuckWork(rig.database.url, rig.redis.url, rig.server.env.QUEUE_PREFIX),
    isQuiescent,
    QUIESCENCE_DEADLINE_MS,
    'no work left in flight',
  ).catch(async (error: Error) => {
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
    ratePerSecond: FAULT_RATE,
    completed: result.contacts.filter((contact) => contact.flowCompletedAt !== undefined).length,
    ...report.figures,
    metaRetries: result.contacts.reduce(
      (sum, contact) => sum + Math.max(0, contact.commentAttempts - 1) + Math.max(0, contact.answerAttempts - 1),
      0,
    ),
    trafficSeconds: round((trafficDone - started) / 1000),
    recoverySeconds: record.healedAt ? recoverySeconds(result, record.healedAt) : null,
    totalSeconds: round((quiescentAt - started) / 1000),
    ...record.notes?.(),
  };
  console.log(`[faults] ${JSON.stringify(summary)}`);
  return { traffic: result, report, stuck, summary };
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * From the end of the fault until every conversation begun before it had completed (its flow_completed received).
 * Conversations that never complete (a private reply left in doubt) are reported by the invariants, not here.
 */
function recoverySeconds(traffic: TrafficResult, healedAt: number): number {
  const caught = traffic.contacts.filter((contact) => contact.commentPostedAt !== undefined && contact.commentPostedAt < healedAt);
  const lastDone = Math.max(
    healedAt,
    ...caught.flatMap((contact) => (contact.flowCompletedAt === undefined ? [] : [contact.flowCompletedAt])),
  );
  return round((lastDone - healedAt) / 1000);
}

export { startFaultRig, type FaultRig };
