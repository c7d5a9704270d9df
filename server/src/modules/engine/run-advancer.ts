import { applyEvent, FlowCompileError, FlowSchemaError, type FlowMachine, type RunEvent, type RunStep } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { EffectDispatcher } from './effect-dispatcher';
import { FlowRun, OPEN_RUN_STATUSES } from './entities/flow-run.entity';
import { FlowMachines } from './flow-machines';
import { RunStore } from './run-store';

/** `effectsPending`: the step left effects in the outbox, to execute or dispatch after its commit. */
export type AppliedOutcome = { applied: true; run: FlowRun; before: RunStep['snapshot']; step: RunStep; effectsPending: boolean };
export type AdvanceOutcome = { applied: false; reason: 'not_found' | 'ended' | 'failed' } | AppliedOutcome;

/** Runs inside the transaction that saves an applied step: what it writes commits with the step or not at all. */
export type WithAppliedStep = (manager: EntityManager, outcome: AppliedOutcome) => Promise<void>;

const MAX_CONFLICT_RETRIES = 8;

class VersionConflict extends Error {}

/**
 * Applies one event to one run: load, transition purely, then save snapshot + outbox in one transaction,
 * retrying when another process moved the run first (optimistic version).
 */
@Injectable()
export class RunAdvancer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly machines: FlowMachines,
    private readonly store: RunStore,
    private readonly dispatcher: EffectDispatcher,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'limits'>,
  ) {}

  /**
   * With `manager`, runs inside the caller's transaction (which then dispatches nothing: the caller drains the outbox).
   * `alongside` writes in the same transaction as the step, e.g. marking the inbox event that caused it processed.
   */
  async advance(
    runId: string,
    event: RunEvent,
    manager?: EntityManager,
    alongside?: WithAppliedStep,
    loaded?: FlowRun,
  ): Promise<AdvanceOutcome> {
    if (manager) return this.attempt(manager, runId, event, alongside, loaded);
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.dataSource.transaction((tx) => this.attempt(tx, runId, event, alongside));
        if (outcome.applied && outcome.effectsPending) await this.dispatcher.dispatch(runId);
        return outcome;
      } catch (error) {
        if (!(error instanceof VersionConflict) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }

  /** `loaded`: the run as the caller just read it in `manager`'s transaction (its version guards the update). */
  private async attempt(
    manager: EntityManager,
    runId: string,
    event: RunEvent,
    alongside?: WithAppliedStep,
    loaded?: FlowRun,
  ): Promise<AdvanceOutcome> {
    const run = loaded?.id === runId ? loaded : await manager.findOneBy(FlowRun, { id: runId });
    if (!run) return { applied: false, reason: 'not_found' };
    if (!OPEN_RUN_STATUSES.includes(run.status)) return { applied: false, reason: 'ended' };
    let machine: FlowMachine;
    try {
      machine = (await this.machines.load(run.flowVersionId)).machine;
    } catch (error) {
      // Database errors propagate (the caller's job retries); a version that no longer compiles fails the run.
      if (!(error instanceof FlowCompileError || error instanceof FlowSchemaError)) throw error;
      return this.fail(manager, run, error);
    }
    let step: RunStep;
    try {
      step = applyEvent(machine, run.snapshot, event);
    } catch (error) {
      // The machine is pure: the same event would fail the same way again, so the run stops here.
      return this.fail(manager, run, error as Error);
    }
    const progress = await this.store.progressOf(manager, run.id);
    const overLimit = this.stepLimitExceeded(progress.stepsTaken, step);
    if (overLimit) return this.fail(manager, run, new Error(overLimit));
    const written = await this.store.update(manager, run, step, progress);
    if (!written) throw new VersionConflict(`run ${runId} moved on concurrently`);
    const outcome: AppliedOutcome = { applied: true, run, before: run.snapshot, step, effectsPending: written.effectsPending };
    await alongside?.(manager, outcome);
    return outcome;
  }

  /**
   * A flow may loop through a block that waits (an HTTP request, a delay, a question): a run stops after so many
   * steps in its life, or in one event, instead of spinning for ever and filling the run history.
   */
  private stepLimitExceeded(stepsTaken: number, step: RunStep): string | null {
    const { runMaxSteps, runMaxStepsPerEvent } = this.config.limits;
    if (step.entered.length > runMaxStepsPerEvent) {
      return `run_step_limit: one event would take the run through ${step.entered.length} steps; at most ${runMaxStepsPerEvent} are allowed (RUN_MAX_STEPS_PER_EVENT)`;
    }
    if (stepsTaken + step.entered.length > runMaxSteps) {
      return `run_step_limit: the run has taken ${stepsTaken} steps, the most one run may take is ${runMaxSteps} (RUN_MAX_STEPS); does the flow loop?`;
    }
    return null;
  }

  private async fail(manager: EntityManager, run: FlowRun, error: Error): Promise<AdvanceOutcome> {
    if (!(await this.store.fail(manager, run, error.message))) throw new VersionConflict(`run ${run.id} moved on concurrently`);
    return { applied: false, reason: 'failed' };
  }
}
