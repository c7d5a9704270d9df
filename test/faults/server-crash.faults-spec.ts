import { queryDatabase, scaled, waitFor } from '../src/harness';
import type { FaultRig } from '../src/faults/fault-rig';
import { useFaultRig } from '../src/faults/fault-suite';
import type { TrafficResult } from '../src/load/scenario';
import { expectRecovered } from './expect-recovered';

/** 10 kills over 300 contacts by default (scripts/bench-faults.mjs repeats that); CI runs a shorter cut (`.ci/run`). */
const KILLS = Number(process.env.FAULTS_CRASH_KILLS ?? 10);
const CONTACTS = Number(process.env.FAULTS_CRASH_CONTACTS ?? 300);
/** Slower arrivals than the other specs, so the 10 kills are spread over ~75 s of traffic. */
const RATE_PER_SECOND = Number(process.env.FAULTS_CRASH_RATE ?? 4);
/** How long the server holds a send at a fault point while the spec waits to kill it there. */
const PAUSE_MS = '400';

/**
 * Where each kill strikes: `random` lands wherever the server is at that moment; the others restart the server with
 * a pause at a fault point and kill it while a send is held there — its claim committed and Meta not yet called
 * (`after-send-claim`), or Meta's answer received and not yet recorded (`before-send-record`). Any first 3 kills
 * strike at all three, so a cut sized for a busy machine still covers each.
 */
type KillPoint = 'random' | 'after-send-claim' | 'before-send-record';
const PLAN: KillPoint[] = [
  'random',
  'before-send-record',
  'after-send-claim',
  'random',
  'random',
  'before-send-record',
  'random',
  'after-send-claim',
  'random',
  'before-send-record',
];
const PAUSE_VARIABLES: Record<Exclude<KillPoint, 'random'>, string> = {
  'after-send-claim': 'DMFLOW_TEST_PAUSE_AFTER_SEND_CLAIM_MS',
  'before-send-record': 'DMFLOW_TEST_PAUSE_BEFORE_SEND_RECORD_MS',
};

interface Kill {
  point: KillPoint;
  killedAt: number;
  healedAt: number;
  /** Sends claimed and not recorded when the process died. */
  claimsOpen: number;
  /**
   * From the server being back until every send the killed process had claimed and not recorded was recorded as
   * sent (taken over and settled with Meta); null if that did not happen before the end of the traffic.
   */
  takeoverSeconds?: number | null;
}

function holdNextSendsAt(rig: FaultRig, point: KillPoint): void {
  for (const variable of Object.values(PAUSE_VARIABLES)) delete rig.server.env[variable];
  if (point !== 'random') rig.server.env[PAUSE_VARIABLES[point]] = PAUSE_MS;
}

/** Sends claimed since `since` (epoch ms) and not recorded: held at the fault point (older ones may be in doubt from a kill). */
async function openClaims(rig: FaultRig, since: number): Promise<number> {
  const [row] = await queryDatabase<{ open: string }>(
    rig.database.url,
    `SELECT count(*)::text AS open FROM outbound_sends WHERE status = 'sending' AND created_at >= to_timestamp($1::double precision / 1000)`,
    [since],
  );
  return Number(row.open);
}

/** The idempotency keys of sends claimed and not recorded (the killed process's, and any older send in doubt). */
async function openSendKeys(rig: FaultRig): Promise<string[]> {
  const rows = await queryDatabase<{ key: string }>(
    rig.database.url,
    `SELECT idempotency_key AS key FROM outbound_sends WHERE status = 'sending'`,
  );
  return rows.map((row) => row.key);
}

/** How many of these sends are not recorded as sent yet (one refused by Meta, its row freed, counts until it is sent). */
async function unsettled(rig: FaultRig, keys: string[]): Promise<number> {
  const [row] = await queryDatabase<{ open: string }>(
    rig.database.url,
    `SELECT count(*)::text AS open FROM unnest($1::text[]) AS key
      WHERE NOT EXISTS (SELECT 1 FROM outbound_sends send WHERE send.idempotency_key = key AND send.status = 'sent')`,
    [keys],
  );
  return Number(row.open);
}

/** Measures the kill's takeover in the background (the next kill does not wait for it); stops once `run.over`. */
function measureTakeover(rig: FaultRig, kill: Kill, keys: string[], run: { over: boolean }): Promise<void> {
  if (!keys.length) {
    kill.takeoverSeconds = 0;
    return Promise.resolve();
  }
  return waitFor(
    () => (run.over ? Promise.reject(new Error('the scenario ended')) : unsettled(rig, keys)),
    (open) => open === 0,
    scaled(90_000) * 4,
    `the sends open at a kill settled`,
  ).then(
    () => void (kill.takeoverSeconds = Math.round((Date.now() - kill.healedAt) / 100) / 10),
    () => void (kill.takeoverSeconds = null),
  );
}

/**
 * Per kill: from the server being back until every conversation it interrupted (begun before the kill, not yet
 * complete) completed. A conversation interrupted again by the next kill counts towards both.
 */
function recoveries(
  kills: Kill[],
  traffic: TrafficResult,
): Array<{ point: KillPoint; interrupted: number; recoverySeconds: number | null }> {
  return kills.map((kill) => {
    const interrupted = traffic.contacts.filter(
      (contact) =>
        contact.commentPostedAt !== undefined &&
        contact.commentPostedAt < kill.killedAt &&
        (contact.flowCompletedAt === undefined || contact.flowCompletedAt > kill.killedAt),
    );
    const done = interrupted.map((contact) => contact.flowCompletedAt);
    const recoverySeconds = done.some((at) => at === undefined)
      ? null
      : Math.round((Math.max(kill.healedAt, ...(done as number[])) - kill.healedAt) / 100) / 10;
    return { point: kill.point, interrupted: interrupted.length, recoverySeconds };
  });
}

describe(`fault: the server is SIGKILLed ${KILLS} times while traffic flows, some of them between claiming a send and recording it`, () => {
  const runScenario = useFaultRig();

  it('completes every conversation, sends every message exactly once and leaves nothing in doubt', async () => {
    const kills: Kill[] = [];
    const takeovers: Array<Promise<void>> = [];
    const run = { over: false };
    let serverStartedAt = Date.now();
    const outcome = await runScenario({
      name: `server SIGKILL x${KILLS}`,
      contacts: CONTACTS,
      ratePerSecond: RATE_PER_SECOND,
      // A conversation begun before the first kill waits through every restart after it.
      stepTimeoutMs: scaled(90_000) * 4,
      async inject(rig, at, record) {
        for (let index = 0; index < KILLS; index++) {
          const point = PLAN[index % PLAN.length];
          await at((index + 0.5) / KILLS);
          // A held send shows as an open claim; under load the next one may take a while to come.
          if (point !== 'random')
            await waitFor(
              () => openClaims(rig, serverStartedAt),
              (open) => open > 0,
              30_000,
              `a send held at ${point}`,
            );
          const claimsOpen = await openClaims(rig, 0);
          const killedAt = Date.now();
          await rig.server.kill();
          const openAtKill = await openSendKeys(rig);
          holdNextSendsAt(rig, PLAN[(index + 1) % PLAN.length]);
          if (index === KILLS - 1) holdNextSendsAt(rig, 'random');
          serverStartedAt = Date.now();
          await rig.server.restart().catch(async (error: Error) => {
            run.over = true;
            const activity = await queryDatabase(
              rig.database.url,
              `SELECT state, wait_event_type, left(query, 120) AS query, count(*)::int FROM pg_stat_activity GROUP BY 1, 2, 3 ORDER BY 4 DESC`,
            );
            throw new Error(`${error.message}\n--- pg_stat_activity ---\n${JSON.stringify(activity, null, 1)}`);
          });
          const kill: Kill = { point, killedAt, healedAt: Date.now(), claimsOpen };
          kills.push(kill);
          takeovers.push(measureTakeover(rig, kill, openAtKill, run));
        }
        await Promise.all(takeovers);
        record.healedAt = kills.at(-1)?.healedAt;
        record.notes = () => ({
          kills: kills.length,
          claimsOpenAtKills: kills.reduce((sum, kill) => sum + kill.claimsOpen, 0),
          serverDownSeconds: Math.round(kills.reduce((sum, kill) => sum + kill.healedAt - kill.killedAt, 0) / 100) / 10,
        });
      },
      before(rig) {
        // The first kill is random; the server the rig started holds nothing.
        holdNextSendsAt(rig, 'random');
      },
    });
    const perKill = recoveries(kills, outcome.traffic);
    const measured = perKill.flatMap((kill) => (kill.recoverySeconds === null ? [] : [kill.recoverySeconds]));
    console.log(
      `[faults] server SIGKILL x${KILLS} recovery per kill: ${JSON.stringify(perKill)} max ${Math.max(0, ...measured)} s; ` +
        `open sends settled after each restart (s): ${JSON.stringify(kills.map((kill) => kill.takeoverSeconds ?? null))}; ` +
        `sends reconciled ${JSON.stringify(outcome.report.figures.sendsReconciled)}`,
    );
    // One line for scripts/bench-faults.mjs, printed before the checks so a failing run is counted too.
    console.log(
      `[faults:server-crash] ${JSON.stringify({
        contacts: CONTACTS,
        kills: kills.length,
        completed: outcome.summary.completed,
        sendsReconciled: outcome.report.figures.sendsReconciled,
        inDoubt: outcome.report.sendsInDoubt.length + outcome.report.figures.effectsInDoubt,
        lost: outcome.report.missingSends.length,
        duplicated: outcome.report.duplicateSends.length,
        unrecovered: perKill.length - measured.length,
        recoverySeconds: measured,
        takeoverSeconds: kills.map((kill) => kill.takeoverSeconds ?? null),
        claimsOpenAtKills: outcome.summary.claimsOpenAtKills,
        metaRetries: outcome.summary.metaRetries,
        totalSeconds: outcome.summary.totalSeconds,
        serverDownSeconds: outcome.summary.serverDownSeconds,
      })}`,
    );
    expectRecovered(outcome);
    expect(outcome.report.sendsInDoubt).toEqual([]);
    expect(outcome.report.figures.effectsInDoubt).toBe(0);
    expect(perKill.filter((kill) => kill.recoverySeconds === null)).toEqual([]);
  });
});
