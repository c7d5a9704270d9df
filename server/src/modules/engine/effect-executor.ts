import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { untilPostgresAnswers } from '../../core/database/until-postgres-answers';
import { FaultPoints, InjectFaultPoints } from '../../core/faults/fault-points';
import { ProcessLiveness } from '../../core/liveness/process-liveness';
import { EffectDispatcher } from './effect-dispatcher';
import { EffectFailure, type EffectResult, type OutboundCall, type OutboundOutcome } from './effects/effect-handler';
import { EffectHandlers } from './effects/effect-handlers';
import { FlowRun } from './entities/flow-run.entity';
import { RunEffect } from './entities/run-effect.entity';
import { RunStore } from './run-store';

/** Another worker is draining this run's outbox; the job is retried shortly (Bull backoff). */
export class RunOutboxBusy extends Error {}

/**
 * Retryable failures (Meta rate limits and 5xx, Postgres or Redis hiccups) are retried this often before the
 * effect is given up, about 3 minutes with the job's backoff and the outbox sweeper. At 5 attempts a Graph API
 * failing 30% of calls lost 0.3^5 = 1 send in 400 (the fault suite saw it); at 12 it is 1 in 2 million.
 */
const MAX_ATTEMPTS = 12;

/**
 * An outbound effect's lease: renewed while the call runs, so only a dead worker's claim lapses (then another takes
 * over). A claim also names its process's boot: one whose process died is taken over at once (ProcessLiveness), so
 * the lease only matters when that cannot be told (a claim from before boots were recorded, a vanished host).
 */
const CLAIM_LEASE_MS = 30_000;
const CLAIM_RENEW_MS = 10_000;

/**
 * One job executes at most this many effects, then puts the run back in line: a run that keeps producing effects
 * (a loop through an HTTP block) shares the outbound workers with everyone else's sends.
 */
const EFFECTS_PER_JOB = 20;

/** An outbound effect whose claim (and its handler's, e.g. a send's) committed: its call is next. */
interface Claim {
  effect: RunEffect;
  run: FlowRun;
  claimId: string;
  call: OutboundCall;
  /** The effect's work for after the commit that records it. */
  afterCommit: Array<() => Promise<void>>;
}

/** What one transaction did: effects settled (done, or given up), the outbound effect it claimed last, whether any may be left. */
interface Progress {
  settled: number;
  claim: Claim | null;
  more: boolean;
  /** A chained take that failed, rolled back to its savepoint: its failure is recorded once the rest committed. */
  failure?: Failure;
}

interface Failure {
  effect: RunEffect;
  error: Error;
}

/** A run's first round, taken in the transaction that wrote its effects, for `drain` to go on from after the commit. */
export interface TakenEffects {
  readonly progress: Progress;
  readonly afterCommit: Array<() => Promise<void>>;
}

function outboxLockKey(runId: string): string {
  return `run-effects:${runId}`;
}

type Taken = { kind: 'none' } | { kind: 'done'; more: boolean } | { kind: 'claimed'; claim: Claim };

/** One transaction: its work for after the commit, the effect its first take read, and what it did once it got to COMMIT. */
class Round {
  readonly afterCommit: Array<() => Promise<void>> = [];
  first: RunEffect | null = null;
  progress: Progress | null = null;
}

/**
 * Executes a run's pending effects one at a time, oldest first, under the run's advisory lock — so effects run in
 * order, by one worker, and at most once per committed outbox row (an external call interrupted by a crash is
 * retried with the same idempotency key).
 *
 * No transaction is open during an outbound call (a Graph API send, an HTTP block's request), and every transaction
 * does as much as it may, so a lead-gen send costs two commits: one claims the effect — with what its handler reads
 * and claims for the call (a send's account, token, messaging window and `outbound_sends` claim), so that claim is
 * committed before Meta is called — and, after the call, one records it (the send as sent, the effect done, checking
 * the claim still holds: an effect cancelled meanwhile records only the send) and goes on in the same transaction
 * with the run's next effects: database effects are executed, the next outbound one is claimed. A slow receiver pins
 * no pool connection. The first round can also be taken inside the transaction that wrote the effects (`takeWithin`),
 * which saves the first claim's commit.
 */
@Injectable()
export class EffectExecutor {
  private readonly logger = new Logger(EffectExecutor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handlers: EffectHandlers,
    private readonly store: RunStore,
    private readonly dispatcher: EffectDispatcher,
    @InjectFaultPoints() private readonly faults: FaultPoints,
    private readonly liveness: ProcessLiveness,
  ) {}

  /**
   * The run's first round, taken inside the transaction that wrote its effects (an inbox event's), so the event and
   * the claim of its first send commit together: database effects are executed and the first outbound one is claimed,
   * in a savepoint. Null when another worker holds the outbox or the round failed (rolled back alone): `drain` after
   * the commit then takes it as its own round. Pass what this returns to `drain` once the transaction committed.
   */
  async takeWithin(manager: EntityManager, runId: string): Promise<TakenEffects | null> {
    const round = new Round();
    try {
      const progress = await manager.transaction(async (savepoint) => {
        if (!(await this.tryLockOutbox(savepoint, runId))) return null;
        return this.advance(savepoint, runId, EFFECTS_PER_JOB, round, false);
      });
      return progress && { progress, afterCommit: round.afterCommit };
    } catch (error) {
      this.logger.debug({ msg: 'effects left to a round of their own', run_id: runId, error: (error as Error).message });
      return null;
    }
  }

  /**
   * Settles the run's pending effects, at most EFFECTS_PER_JOB of them; returns how many it settled. `taken`: the
   * first round was taken in the committed transaction that wrote the effects (`takeWithin`); the drain goes on from it.
   */
  async drain(runId: string, taken?: TakenEffects | null): Promise<number> {
    await this.faults.reached('before-effects');
    let settled = 0;
    let claim: Claim | null = null;
    if (taken) {
      await this.runAfterCommit(taken.afterCommit);
      const progress = await this.tally(taken.progress);
      settled += progress.settled;
      claim = progress.claim;
      if (!claim && !progress.more) return settled;
    }
    while (claim || settled < EFFECTS_PER_JOB) {
      const room = EFFECTS_PER_JOB - settled;
      const progress = await this.tally(claim ? await this.complete(claim, room) : await this.begin(runId, room));
      settled += progress.settled;
      claim = progress.claim;
      if (!claim && !progress.more) return settled;
    }
    await this.dispatcher.dispatch(runId);
    return settled;
  }

  /** A round's progress with its chained failure, if any, recorded (the failed effect counts as settled). */
  private async tally(progress: Progress): Promise<Progress> {
    if (!progress.failure) return progress;
    return { ...progress, settled: progress.settled + (await this.failedChained(progress.failure)).settled, failure: undefined };
  }

  /** A round of its own: executes the run's next database effects and claims its next outbound one. */
  private async begin(runId: string, room: number): Promise<Progress> {
    const round = new Round();
    let progress: Progress;
    try {
      progress = await this.commit(round, async (manager) => {
        await this.lockOutbox(manager, runId, 'try');
        return this.advance(manager, runId, room, round, false);
      });
    } catch (error) {
      if (!round.first || error instanceof RunOutboxBusy) throw error;
      return this.failed(round.first, error as Error);
    }
    await this.runAfterCommit(round.afterCommit);
    return progress;
  }

  /** Makes a claimed effect's call, then records it and goes on with the run's next effects in one transaction. */
  private async complete(claim: Claim, room: number): Promise<Progress> {
    let outcome: OutboundOutcome;
    try {
      outcome = await this.whileLeased(claim, claim.call);
    } catch (error) {
      return this.failed(claim.effect, error as Error);
    }
    const round = new Round();
    let progress: Progress;
    try {
      progress = await this.commit(round, (manager) => this.record(manager, claim, outcome, room, round));
    } catch (error) {
      // What the call made (a message that went out) is not lost with the record: it is written on its own, retried
      // through a Postgres restart, and the effect is retried — its next attempt finds the send made.
      await outcome.made?.();
      return this.failed(claim.effect, error as Error);
    }
    await this.runAfterCommit([...claim.afterCommit, ...round.afterCommit]);
    return progress;
  }

  /**
   * Runs a round's transaction. When the COMMIT itself fails (Postgres went away before answering) after the round
   * claimed an outbound effect, whether it committed is read back, retried until Postgres answers: a claim that did
   * commit is carried on (its send was claimed and not made), instead of being mistaken later for another attempt's,
   * whose send would then be in doubt.
   */
  private async commit(round: Round, work: (manager: EntityManager) => Promise<Progress>): Promise<Progress> {
    try {
      return await this.dataSource.transaction(async (manager) => (round.progress = await work(manager)));
    } catch (error) {
      const progress = round.progress;
      if (progress?.claim && (await this.holds(progress.claim).catch(() => false))) return progress;
      throw error;
    }
  }

  private async holds(claim: Claim): Promise<boolean> {
    const rows = await untilPostgresAnswers(() =>
      this.dataSource.query<unknown[]>('SELECT 1 FROM run_effects WHERE id = $1 AND claim_id = $2', [claim.effect.id, claim.claimId]),
    );
    return rows.length > 0;
  }

  /**
   * Takes the run's pending effects in order, at most `room`: database effects are executed and marked done, until one
   * calls out, which is claimed. The round's first take is its own (a failure there is that effect's, and fails the
   * round); a `chained` take follows work the transaction must keep (a send's record), so it runs in a savepoint and,
   * failing, is rolled back alone, its failure recorded after the commit.
   */
  private async advance(manager: EntityManager, runId: string, room: number, round: Round, chained: boolean): Promise<Progress> {
    let settled = 0;
    while (settled < room) {
      const taken =
        chained || settled > 0
          ? await this.takeChained(manager, runId, round)
          : await this.take(manager, runId, round.afterCommit, (effect) => (round.first = effect));
      if (!taken) return { settled, claim: null, more: true };
      if (taken.kind === 'failed') return { settled, claim: null, more: true, failure: taken };
      if (taken.kind === 'none') return { settled, claim: null, more: false };
      if (taken.kind === 'claimed') return { settled, claim: taken.claim, more: true };
      settled++;
      if (!taken.more) return { settled, claim: null, more: false };
    }
    return { settled, claim: null, more: true };
  }

  /** Null when it failed before reading an effect: whatever is pending is left to the next round. */
  private async takeChained(manager: EntityManager, runId: string, round: Round): Promise<Taken | ({ kind: 'failed' } & Failure) | null> {
    const afterCommit: Array<() => Promise<void>> = [];
    const seen: { effect?: RunEffect } = {};
    try {
      const taken = await manager.transaction((savepoint) => this.take(savepoint, runId, afterCommit, (effect) => (seen.effect = effect)));
      round.afterCommit.push(...afterCommit);
      return taken;
    } catch (error) {
      return seen.effect ? { kind: 'failed', effect: seen.effect, error: error as Error } : null;
    }
  }

  /** The run's oldest pending effect: executed when it only writes to the database, else claimed with its handler's claim-time work. */
  private async take(
    manager: EntityManager,
    runId: string,
    afterCommit: Array<() => Promise<void>>,
    seen?: (effect: RunEffect) => void,
  ): Promise<Taken> {
    const { run, effect } = await this.nextPending(manager, runId);
    if (!run || !effect) return { kind: 'none' };
    seen?.(effect);
    if (!this.handlers.isOutbound(effect.effect)) {
      const record = await this.handlers.execute({
        effect: effect.effect,
        row: effect,
        run,
        afterCommit: (task) => void afterCommit.push(task),
      });
      return { kind: 'done', more: await this.markDone(manager, effect, await record(manager)) };
    }
    const later: Array<() => Promise<void>> = [];
    const claimId = await this.claim(manager, effect);
    const call = await this.handlers.claim(
      { effect: effect.effect, row: effect, run, afterCommit: (task) => void later.push(task) },
      manager,
    );
    return { kind: 'claimed', claim: { effect, run, claimId, call, afterCommit: later } };
  }

  /** The run and its oldest pending effect, in one statement (a take is on every send's path). */
  private async nextPending(manager: EntityManager, runId: string): Promise<{ run: FlowRun | null; effect: RunEffect | null }> {
    const run: (FlowRun & { nextPendingEffect?: RunEffect | null }) | null = await manager
      .createQueryBuilder(FlowRun, 'run')
      .leftJoinAndMapOne(
        'run.nextPendingEffect',
        RunEffect,
        'effect',
        `effect.id = (SELECT pending.id FROM run_effects pending WHERE pending.run_id = run.id AND pending.status = 'pending'
                       ORDER BY pending.id LIMIT 1)`,
      )
      .where('run.id = :runId', { runId })
      .getOne();
    const effect = run?.nextPendingEffect ?? null;
    if (run) delete run.nextPendingEffect;
    return { run, effect };
  }

  /**
   * Records a call's outcome if the effect is still ours and pending, then goes on with the run's next effects. A
   * cancelled run's effects are no longer pending, so the answer is dropped and the run takes no further step; what the
   * call made is recorded either way.
   */
  private async record(manager: EntityManager, claim: Claim, outcome: OutboundOutcome, room: number, round: Round): Promise<Progress> {
    await this.lockOutbox(manager, claim.run.id, 'wait');
    await outcome.made?.(manager);
    const [row] = await manager.query<Array<{ status: string; claim_id: string | null }>>(
      'SELECT status, claim_id FROM run_effects WHERE id = $1',
      [claim.effect.id],
    );
    if (row?.status !== 'pending' || row.claim_id !== claim.claimId) {
      this.logger.log({ msg: 'effect outcome dropped', effect_key: claim.effect.effectKey, status: row?.status ?? 'deleted' });
      await manager.query(
        'UPDATE run_effects SET claim_id = NULL, claim_boot = NULL, claimed_until = NULL WHERE id = $1 AND claim_id = $2',
        [claim.effect.id, claim.claimId],
      );
      return { settled: 1, claim: null, more: true };
    }
    const more = await this.markDone(manager, claim.effect, await outcome.record(manager));
    if (!more) return { settled: 1, claim: null, more: false };
    const next = await this.advance(manager, claim.run.id, room - 1, round, true);
    return { settled: 1 + next.settled, claim: next.claim, more: next.more };
  }

  private async runAfterCommit(tasks: Array<() => Promise<void>>): Promise<void> {
    for (const task of tasks) {
      await task().catch((error: Error) =>
        this.logger.warn({ msg: 'after-commit work failed; the sweeper retries', error: error.message }),
      );
    }
  }

  /** `try` fails fast when another worker drains the outbox; `wait` waits out another worker's short transaction. */
  private async lockOutbox(manager: EntityManager, runId: string, mode: 'try' | 'wait'): Promise<void> {
    if (mode === 'wait') {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [outboxLockKey(runId)]);
      return;
    }
    if (!(await this.tryLockOutbox(manager, runId))) throw new RunOutboxBusy(`run ${runId} outbox is being executed elsewhere`);
  }

  private async tryLockOutbox(manager: EntityManager, runId: string): Promise<boolean> {
    const [{ locked }] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
      outboxLockKey(runId),
    ]);
    return locked;
  }

  /**
   * Takes the effect's lease, unless a live worker holds it (busy: the job is retried later). A claim of a process
   * that died is taken over at once; one of this process is live (its worker renews it) until it lapses.
   */
  private async claim(manager: EntityManager, effect: RunEffect): Promise<string> {
    const claimId = randomUUID();
    await this.liveness.whenHeld();
    const [, affected] = await manager.query<[unknown, number]>(
      `UPDATE run_effects SET claim_id = $2, claim_boot = $4, claimed_until = now() + make_interval(secs => $3::double precision / 1000)
        WHERE id = $1 AND (claimed_until IS NULL OR claimed_until < now()
          OR ($5 AND claim_boot IS NOT NULL AND claim_boot <> $4 AND NOT ${ProcessLiveness.aliveSql('claim_boot')}))`,
      [effect.id, claimId, CLAIM_LEASE_MS, this.liveness.bootId, this.liveness.mayJudgeOthers()],
    );
    if (affected !== 1) throw new RunOutboxBusy(`effect ${effect.effectKey} is being executed elsewhere`);
    return claimId;
  }

  private async whileLeased<T>(claim: Claim, call: () => Promise<T>): Promise<T> {
    const renew = setInterval(() => {
      this.dataSource
        .query(
          `UPDATE run_effects SET claimed_until = now() + make_interval(secs => $3::double precision / 1000) WHERE id = $1 AND claim_id = $2`,
          [claim.effect.id, claim.claimId, CLAIM_LEASE_MS],
        )
        .catch((error: Error) =>
          this.logger.warn({ msg: 'effect lease renewal failed', effect_key: claim.effect.effectKey, error: error.message }),
        );
    }, CLAIM_RENEW_MS);
    try {
      return await call();
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Marks the effect done and says, in the same statement, whether the run has other pending effects: after its last
   * one the drain stops without looking again. An effect a later step writes meanwhile is not missed: whoever commits
   * a step with effects executes or dispatches them after its commit (and waits for this drain's lock, or queues).
   */
  private async markDone(manager: EntityManager, effect: RunEffect, result: EffectResult): Promise<boolean> {
    const [rows] = await manager.query<[Array<{ more: boolean }>, number]>(
      `UPDATE run_effects SET status = 'done', result = $2, attempts = attempts + 1, executed_at = now(), last_error = NULL,
              claim_id = NULL, claim_boot = NULL, claimed_until = NULL WHERE id = $1
       RETURNING EXISTS (SELECT 1 FROM run_effects other
                          WHERE other.run_id = run_effects.run_id AND other.status = 'pending' AND other.id <> run_effects.id) AS more`,
      [effect.id, JSON.stringify(result)],
    );
    return rows[0]?.more ?? false;
  }

  /** As `failed`; an effect another worker holds is left to it, the job retried like a busy outbox. */
  private async failedChained({ effect, error }: Failure): Promise<Progress> {
    if (error instanceof RunOutboxBusy) throw error;
    return this.failed(effect, error);
  }

  /**
   * Rethrows for a later retry; or gives the effect up, which fails the run (or stops it `in_doubt`, a send nobody
   * could settle with Meta) and skips its other pending effects (the drain then finds nothing left).
   */
  private async failed(effect: RunEffect, error: Error): Promise<Progress> {
    const retryable = !(error instanceof EffectFailure) || error.retryable;
    // Reconciling a send in doubt has its own deadline (MessagingService), so those attempts are not counted: the
    // re-send that may follow still has all of the effect's attempts left.
    const reconciling = error instanceof EffectFailure && error.doubt === 'reconciling';
    const attempts = reconciling ? effect.attempts : effect.attempts + 1;
    const giveUp = !retryable || (attempts >= MAX_ATTEMPTS && !reconciling);
    this.logger.warn({
      msg: 'effect failed',
      effect_key: effect.effectKey,
      effect_type: effect.effectType,
      attempts,
      gave_up: giveUp,
      error: error.message,
    });
    const lastError = error.message.slice(0, 2000);
    if (!giveUp) {
      await this.dataSource.manager.update(
        RunEffect,
        { id: effect.id, status: 'pending' },
        { attempts, lastError, claimId: null, claimBoot: null, claimedUntil: null },
      );
      throw error;
    }
    await this.dataSource.transaction(async (manager) => {
      const updated = await manager.update(
        RunEffect,
        { id: effect.id, status: 'pending' },
        { attempts, lastError, status: 'failed', claimId: null, claimBoot: null, claimedUntil: null },
      );
      const inDoubt = error instanceof EffectFailure && error.doubt === 'in_doubt';
      // Cancelled meanwhile: the run has ended and keeps its status.
      if (updated.affected === 1) await this.store.failAtEffect(manager, effect, error.message, inDoubt ? 'in_doubt' : 'failed');
    });
    return { settled: 1, claim: null, more: true };
  }
}
