import { Injectable } from '@nestjs/common';
import type { Page, PageQueryDto } from '../../core/http/pagination';
import { EffectDispatcher } from './effect-dispatcher';
import type { FlowRun } from './entities/flow-run.entity';
import type { RunEffect } from './entities/run-effect.entity';
import type { RunStepRecord } from './entities/run-step-record.entity';
import { type RunFilter, RunStore } from './run-store';

export type { RunFilter } from './run-store';
/** A recorded run as other modules see it (the runs REST API). */
export type RunRecord = FlowRun;
export type RunStepRow = RunStepRecord;
export type RunEffectRow = RunEffect;

/**
 * Recorded runs for the modules that show and manage them (the runs REST API, flows' run counts): the engine
 * owns the run tables, so these reads and state changes are asked of it, and RunStore holds every query.
 */
@Injectable()
export class RunRecordsService {
  constructor(
    private readonly store: RunStore,
    private readonly dispatcher: EffectDispatcher,
  ) {}

  findOwned(accountId: string, runId: string): Promise<RunRecord | null> {
    return this.store.findOwned(accountId, runId);
  }

  page<Item>(accountId: string, filter: RunFilter, query: PageQueryDto, present: (run: RunRecord) => Item): Promise<Page<Item>> {
    return this.store.page(accountId, filter, query, present);
  }

  openRun(flowId: string, contactId: string): Promise<RunRecord | null> {
    return this.store.openRun(flowId, contactId);
  }

  /** Cancels an open run, whatever it is doing; false when it had already ended. */
  cancel(runId: string): Promise<boolean> {
    return this.store.cancel(runId);
  }

  historyOf(runId: string): Promise<{ steps: RunStepRow[]; effects: RunEffectRow[] }> {
    return this.store.historyOf(runId);
  }

  findEffect(effectId: string): Promise<RunEffectRow | null> {
    return this.store.findEffect(effectId);
  }

  /**
   * Reopens a failed run at its failed effect and queues its effects again; false when the run moved on
   * meanwhile. Throws Postgres' unique violation when the contact has another open run of the flow.
   */
  async resumeAtFailedEffect(run: RunRecord, failedEffectId: string, status: RunRecord['status']): Promise<boolean> {
    if (!(await this.store.resumeAtFailedEffect(run, failedEffectId, status))) return false;
    await this.dispatcher.dispatch(run.id);
    return true;
  }
}
