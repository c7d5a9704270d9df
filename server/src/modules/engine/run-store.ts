import type { Effect, RunContext, RunStep } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { queryRows } from '../../core/database/query-rows';
import { Page, PageQueryDto, paginate } from '../../core/http/pagination';
import { Metrics } from '../../core/metrics/metrics';
import { ContactsService } from '../contacts/contacts.service';
import { WebhookEventsService } from '../webhooks/webhook-events.service';
import { webhookEventOf } from './effects/emit-event.handler';
import { FlowRun, OPEN_RUN_STATUSES, type RunStatus } from './entities/flow-run.entity';
import { RunEffect } from './entities/run-effect.entity';
import { RunStepRecord } from './entities/run-step-record.entity';
import { statusAfter } from './run-status';

export interface NewRun {
  id: string;
  accountId: string;
  flowId: string;
  flowVersionId: string;
  contactId: string;
  trigger: FlowRun['trigger'];
  /** Set when this run retries a failed run from the start. */
  retryOfRunId?: string;
}

type RunIdentity = Pick<FlowRun, 'id' | 'accountId' | 'flowId' | 'flowVersionId' | 'contactId'>;

/** Where a run stands before its next step. */
export interface RunProgress {
  /** Steps (nodes entered) taken so far. */
  stepsTaken: number;
  /** Effects of earlier steps still wait in the run's outbox (the step's own must queue behind them). */
  effectsPending: boolean;
}

/** What saving a step left for after its commit: true when effects wait in the outbox (execute or dispatch them). */
export interface StepWritten {
  effectsPending: boolean;
}

export interface RunFilter {
  flowId?: string;
  contactId?: string;
  status?: RunStatus;
}

/**
 * The one owner of `flow_runs`, `run_steps` and `run_effects`. Writes a run's step — snapshot, step history,
 * outbox effects, contact tags and variables — inside the caller's transaction; and answers the reads and
 * state changes of recorded runs (get, list, cancel, resume) that the runs REST API asks for.
 */
@Injectable()
export class RunStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    private readonly webhookEvents: WebhookEventsService,
    private readonly metrics: Metrics,
  ) {}

  /** Runs started, completed and failed per flow, counted as the change is written (inside the caller's transaction). */
  private countTransition(flowId: string, before: RunStatus | null, after: RunStatus): void {
    if (before === null) this.metrics.runsStarted.inc({ flow_id: flowId });
    if (after === before) return;
    if (after === 'completed') this.metrics.runsCompleted.inc({ flow_id: flowId });
    if (after === 'failed') this.metrics.runsFailed.inc({ flow_id: flowId });
  }

  findById(runId: string): Promise<FlowRun | null> {
    return this.dataSource.manager.findOneBy(FlowRun, { id: runId });
  }

  findOwned(accountId: string, runId: string): Promise<FlowRun | null> {
    return this.dataSource.manager.findOneBy(FlowRun, { id: runId, accountId });
  }

  openRun(flowId: string, contactId: string, manager: EntityManager = this.dataSource.manager): Promise<FlowRun | null> {
    return manager.findOneBy(FlowRun, { flowId, contactId, status: In([...OPEN_RUN_STATUSES]) });
  }

  /** The contact's open runs, most recently active first. */
  openRunsOf(contactId: string, manager: EntityManager = this.dataSource.manager): Promise<FlowRun[]> {
    return manager.find(FlowRun, {
      where: { contactId, status: In([...OPEN_RUN_STATUSES]) },
      order: { updatedAt: 'DESC' },
    });
  }

  firstRun(flowId: string, contactId: string, manager: EntityManager = this.dataSource.manager): Promise<FlowRun | null> {
    return manager.findOne(FlowRun, { where: { flowId, contactId }, order: { startedAt: 'ASC' } });
  }

  /** Runs of the account, newest first. */
  page<Item>(accountId: string, filter: RunFilter, query: PageQueryDto, present: (run: FlowRun) => Item): Promise<Page<Item>> {
    const builder = this.dataSource.getRepository(FlowRun).createQueryBuilder('run').where('run.account_id = :accountId', { accountId });
    if (filter.flowId) builder.andWhere('run.flow_id = :flowId', { flowId: filter.flowId });
    if (filter.contactId) builder.andWhere('run.contact_id = :contactId', { contactId: filter.contactId });
    if (filter.status) builder.andWhere('run.status = :status', { status: filter.status });
    return paginate(builder, query, present, { column: 'started_at', timestampOf: (run) => run.startedAt });
  }

  /**
   * Cancels the run whatever step it is at: cancel always wins over a run that keeps moving (its version is bumped,
   * so a step computed meanwhile fails its version check and finds the run ended). False only when the run has
   * already ended.
   */
  cancel(runId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [, affected] = await manager.query<[unknown, number]>(
        `UPDATE flow_runs SET status = 'cancelled', version = version + 1, updated_at = now(), ended_at = now()
          WHERE id = $1 AND status IN ('active', 'waiting')`,
        [runId],
      );
      if (affected !== 1) return false;
      // Messages the run had queued are not sent once it is cancelled; an answer to one in flight is dropped.
      await manager.query(
        `UPDATE run_effects SET status = 'failed', last_error = 'run cancelled' WHERE run_id = $1 AND status = 'pending'`,
        [runId],
      );
      return true;
    });
  }

  /** A run's steps in order and its effects in id order. */
  async historyOf(runId: string): Promise<{ steps: RunStepRecord[]; effects: RunEffect[] }> {
    const [steps, effects] = await Promise.all([
      this.dataSource.manager.find(RunStepRecord, { where: { runId }, order: { ordinal: 'ASC' } }),
      this.dataSource.manager.find(RunEffect, { where: { runId }, order: { id: 'ASC' } }),
    ]);
    return { steps, effects };
  }

  /** The texts runs sent the person, newest first: the conversation an AI reply reads. */
  async recentSentTexts(contactId: string, limit: number): Promise<Array<{ text: string; at: Date }>> {
    if (limit <= 0) return [];
    return this.dataSource.query(
      `SELECT e.effect->'message'->>'text' AS text, e.executed_at AS at
         FROM run_effects e JOIN flow_runs r ON r.id = e.run_id
        WHERE r.contact_id = $1 AND e.effect_type = 'send_message' AND e.status = 'done'
          AND coalesce(e.effect->'message'->>'text', '') <> ''
        ORDER BY e.executed_at DESC LIMIT $2`,
      [contactId, limit],
    );
  }

  findEffect(effectId: string): Promise<RunEffect | null> {
    return this.dataSource.manager.findOneBy(RunEffect, { id: effectId });
  }

  /**
   * Reopens a failed run at its failed effect (status as its snapshot says) if nobody moved it since
   * `run.version` was read; false on a conflict. The failed effect and the ones skipped after it are pending again.
   */
  resumeAtFailedEffect(run: FlowRun, failedEffectId: string, status: RunStatus): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(FlowRun)
        .set({
          status,
          error: null,
          failedNodeId: null,
          failedEffectId: null,
          version: run.version + 1,
          updatedAt: new Date(),
          endedAt: status === 'completed' ? new Date() : null,
        })
        .where(`id = :id AND version = :version AND status IN ('failed', 'in_doubt')`, { id: run.id, version: run.version })
        .execute();
      if (result.affected !== 1) return false;
      // The timer the run waits for may have fired while it was failed, and been ignored: schedule it again.
      // Its job id is the timer id, so a timer still due is not scheduled twice; an overdue one fires now.
      await manager.query(
        `UPDATE run_effects SET status = 'pending', attempts = 0, last_error = NULL
          WHERE run_id = $1 AND (id = $2 OR status = 'skipped' OR (effect_type = 'schedule_timer' AND status = 'done' AND effect->>'timerId' = $3))`,
        [run.id, failedEffectId, run.snapshot.context.node.timerId ?? null],
      );
      return true;
    });
  }

  async insert(manager: EntityManager, run: NewRun, step: RunStep): Promise<StepWritten> {
    const now = new Date();
    const status = statusAfter(step);
    await manager.insert(FlowRun, {
      ...run,
      status,
      currentNodeId: step.nodeId,
      snapshot: step.snapshot,
      version: 1,
      error: null,
      startedAt: now,
      updatedAt: now,
      endedAt: status === 'completed' ? now : null,
    });
    const ordinals = await this.writeSteps(manager, run, step, { nodeId: null, ordinal: 0 }, now);
    const effectsPending = await this.writeEffects(manager, run, step, ordinals, false, now);
    await this.syncContact(manager, run.contactId, null, step.snapshot.context);
    this.countTransition(run.flowId, null, status);
    return { effectsPending };
  }

  /** Steps taken so far, and whether effects of earlier steps are still pending, in one read. */
  async progressOf(manager: EntityManager, runId: string): Promise<RunProgress> {
    const [row] = await manager.query<Array<{ last: number; pending: boolean }>>(
      `SELECT COALESCE((SELECT max(ordinal) FROM run_steps WHERE run_id = $1), 0)::int AS last,
              EXISTS (SELECT 1 FROM run_effects WHERE run_id = $1 AND status = 'pending') AS pending`,
      [runId],
    );
    return { stepsTaken: row.last, effectsPending: row.pending };
  }

  /**
   * Saves the step if nobody else moved the run since `run.version` was read; null on a conflict.
   * `progress`: the run's progressOf, when the caller has just read it.
   */
  async update(manager: EntityManager, run: FlowRun, step: RunStep, progress?: RunProgress): Promise<StepWritten | null> {
    const now = new Date();
    const status = statusAfter(step);
    const result = await manager
      .createQueryBuilder()
      .update(FlowRun)
      .set({
        status,
        currentNodeId: step.nodeId,
        snapshot: step.snapshot,
        version: run.version + 1,
        updatedAt: now,
        endedAt: status === 'completed' ? now : null,
      })
      .where('id = :id AND version = :version', { id: run.id, version: run.version })
      .execute();
    if (result.affected !== 1) return null;
    const { stepsTaken, effectsPending: earlierPending } = progress ?? (await this.progressOf(manager, run.id));
    const ordinals = await this.writeSteps(manager, run, step, { nodeId: run.currentNodeId, ordinal: stepsTaken }, now);
    const effectsPending = await this.writeEffects(manager, run, step, ordinals, earlierPending, now);
    await this.syncContact(manager, run.contactId, run.snapshot.context, step.snapshot.context);
    this.countTransition(run.flowId, run.status, status);
    return { effectsPending };
  }

  /** The machine could not go on (the event threw, or the version no longer compiles): the run stops at its current node. */
  async fail(manager: EntityManager, run: FlowRun, reason: string): Promise<boolean> {
    const now = new Date();
    const result = await manager
      .createQueryBuilder()
      .update(FlowRun)
      .set({
        status: 'failed',
        error: reason.slice(0, 2000),
        failedNodeId: run.currentNodeId,
        failedEffectId: null,
        version: run.version + 1,
        updatedAt: now,
        endedAt: now,
      })
      .where('id = :id AND version = :version', { id: run.id, version: run.version })
      .execute();
    if (result.affected !== 1) return false;
    this.countTransition(run.flowId, run.status, 'failed');
    return true;
  }

  /**
   * An effect gave up: the run fails at the effect's node (even one whose machine already completed: what it
   * was meant to do did not happen), and its later effects are skipped. The snapshot stays, for a retry.
   * `in_doubt` instead of `failed` when nobody could tell whether its send went out (a person decides).
   */
  async failAtEffect(manager: EntityManager, effect: RunEffect, reason: string, status: 'failed' | 'in_doubt' = 'failed'): Promise<void> {
    const error = `${effect.effectType} at node ${effect.nodeId} failed: ${reason}`.slice(0, 2000);
    const failed = await queryRows<{ flow_id: string }>(
      manager,
      `UPDATE flow_runs SET status = $5, error = $2, failed_node_id = $3, failed_effect_id = $4, version = version + 1, updated_at = now(), ended_at = now()
        WHERE id = $1 AND status IN ('active', 'waiting', 'completed') RETURNING flow_id`,
      [effect.runId, error, effect.nodeId, effect.id, status],
    );
    for (const { flow_id } of failed) this.countTransition(flow_id, 'active', 'failed');
    await manager.query(`UPDATE run_effects SET status = 'skipped' WHERE run_id = $1 AND status = 'pending'`, [effect.runId]);
  }

  /**
   * Closes the open step by the port the run left it by, and opens one per node entered; a completed run's end
   * step is closed too. Returns, per node id, the ordinal of its latest step (effects are filed under it).
   */
  private async writeSteps(
    manager: EntityManager,
    run: RunIdentity,
    step: RunStep,
    open: { nodeId: string | null; ordinal: number },
    now: Date,
  ): Promise<Map<string, number>> {
    const lastOrdinal = open.ordinal;
    // Effects of the node the run was at (an answer's event, a re-ask) belong to its open step.
    const ordinals = new Map<string, number>(open.nodeId ? [[open.nodeId, lastOrdinal]] : []);
    if (!step.entered.length) return ordinals;
    const firstExit = step.entered[0].from?.port;
    if (lastOrdinal > 0 && firstExit !== undefined) {
      await manager.update(RunStepRecord, { runId: run.id, ordinal: lastOrdinal }, { exitedAt: now, exitPort: firstExit });
    }
    const rows = step.entered.map((entry, index) => {
      const next = step.entered[index + 1];
      const closed = next !== undefined || step.done;
      ordinals.set(entry.nodeId, lastOrdinal + index + 1);
      return {
        runId: run.id,
        accountId: run.accountId,
        flowId: run.flowId,
        flowVersionId: run.flowVersionId,
        nodeId: entry.nodeId,
        nodeType: entry.nodeType,
        ordinal: lastOrdinal + index + 1,
        enteredAt: now,
        exitedAt: closed ? now : null,
        exitPort: next?.from?.port ?? null,
      };
    });
    await manager.insert(RunStepRecord, rows);
    return ordinals;
  }

  /**
   * Writes the step's effects to the outbox; returns whether any waits there. The step's leading `emit_event` effects
   * (nothing before them in the run's outbox, `earlierPending` false) are carried out here instead: their webhook
   * event is written in this transaction, so it exists exactly when the step commits, once, however often the step
   * is retried; the effect row is written done, as the executor would have left it. An event behind another effect
   * (flow_completed after the thanks message) stays in the outbox and waits for it, as before.
   */
  private async writeEffects(
    manager: EntityManager,
    run: RunIdentity,
    step: RunStep,
    ordinals: Map<string, number>,
    earlierPending: boolean,
    now: Date,
  ): Promise<boolean> {
    if (!step.effects.length) return false;
    const ordinalOf = (effect: Effect) => ordinals.get(effect.nodeId) || null;
    const rows: Array<QueryDeepPartialEntity<RunEffect>> = [];
    let leading = !earlierPending;
    let pending = false;
    for (const effect of step.effects) {
      const row = {
        runId: run.id,
        effectKey: effect.key,
        effectType: effect.type,
        nodeId: effect.nodeId,
        effect,
        status: 'pending' as const,
        attempts: 0,
        stepOrdinal: ordinalOf(effect),
      };
      if (leading && effect.type === 'emit_event') {
        const recorded = await this.webhookEvents.record(webhookEventOf(effect, run, now), manager);
        rows.push({ ...row, status: 'done', attempts: 1, result: { webhook_event_id: recorded.id }, executedAt: now });
        continue;
      }
      leading = false;
      pending = true;
      rows.push(row);
    }
    await manager.insert(RunEffect, rows);
    return pending;
  }

  /** Tags and variables a run sets belong to the contact too (the contacts API and later runs see them). */
  private async syncContact(manager: EntityManager, contactId: string, before: RunContext | null, after: RunContext): Promise<void> {
    const added = after.tags.filter((tag) => !before?.tags.includes(tag));
    const removed = (before?.tags ?? []).filter((tag) => !after.tags.includes(tag));
    const changedVariables = Object.fromEntries(
      Object.entries(after.variables).filter(([name, value]) => before?.variables[name] !== value),
    );
    if (!added.length && !removed.length && !Object.keys(changedVariables).length) return;
    await this.contacts.mergeTagsAndVariables(contactId, { addTags: added, removeTags: removed, setVariables: changedVariables }, manager);
  }
}
