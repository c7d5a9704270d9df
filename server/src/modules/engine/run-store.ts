import type { Effect, RunContext, RunStep } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FlowRun } from './entities/flow-run.entity';
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

type RunIdentity = Pick<FlowRun, 'id' | 'accountId' | 'flowId' | 'flowVersionId'>;

/** Writes a run's step — snapshot, step history, outbox effects, contact tags and variables — inside the caller's transaction. */
@Injectable()
export class RunStore {
  async insert(manager: EntityManager, run: NewRun, step: RunStep): Promise<void> {
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
    await this.writeEffects(manager, run.id, step, ordinals);
    await this.syncContact(manager, run.contactId, null, step.snapshot.context);
  }

  /** Saves the step if nobody else moved the run since `run.version` was read; false on a conflict. */
  async update(manager: EntityManager, run: FlowRun, step: RunStep): Promise<boolean> {
    const now = new Date();
    const status = statusAfter(step);
    const result = await manager
      .createQueryBuilder()
      .update(FlowRun)
      .set({ status, currentNodeId: step.nodeId, snapshot: step.snapshot, version: run.version + 1, updatedAt: now, endedAt: status === 'completed' ? now : null })
      .where('id = :id AND version = :version', { id: run.id, version: run.version })
      .execute();
    if (result.affected !== 1) return false;
    const ordinals = await this.writeSteps(manager, run, step, { nodeId: run.currentNodeId, ordinal: await this.lastOrdinal(manager, run.id) }, now);
    await this.writeEffects(manager, run.id, step, ordinals);
    await this.syncContact(manager, run.contactId, run.snapshot.context, step.snapshot.context);
    return true;
  }

  /** The machine could not go on (the event threw, or the version no longer compiles): the run stops at its current node. */
  async fail(manager: EntityManager, run: FlowRun, reason: string): Promise<boolean> {
    const now = new Date();
    const result = await manager
      .createQueryBuilder()
      .update(FlowRun)
      .set({ status: 'failed', error: reason.slice(0, 2000), failedNodeId: run.currentNodeId, failedEffectId: null, version: run.version + 1, updatedAt: now, endedAt: now })
      .where('id = :id AND version = :version', { id: run.id, version: run.version })
      .execute();
    return result.affected === 1;
  }

  /**
   * An effect gave up: the run fails at the effect's node (even one whose machine already completed: what it
   * was meant to do did not happen), and its later effects are skipped. The snapshot stays, for a retry.
   */
  async failAtEffect(manager: EntityManager, effect: RunEffect, reason: string): Promise<void> {
    const error = `${effect.effectType} at node ${effect.nodeId} failed: ${reason}`.slice(0, 2000);
    await manager.query(
      `UPDATE flow_runs SET status = 'failed', error = $2, failed_node_id = $3, failed_effect_id = $4, version = version + 1, updated_at = now(), ended_at = now()
        WHERE id = $1 AND status IN ('active', 'waiting', 'completed')`,
      [effect.runId, error, effect.nodeId, effect.id],
    );
    await manager.query(`UPDATE run_effects SET status = 'skipped' WHERE run_id = $1 AND status = 'pending'`, [effect.runId]);
  }

  private async lastOrdinal(manager: EntityManager, runId: string): Promise<number> {
    const [{ last }] = (await manager.query('SELECT COALESCE(max(ordinal), 0)::int AS last FROM run_steps WHERE run_id = $1', [runId])) as Array<{ last: number }>;
    return last;
  }

  /**
   * Closes the open step by the port the run left it by, and opens one per node entered; a completed run's end
   * step is closed too. Returns, per node id, the ordinal of its latest step (effects are filed under it).
   */
  private async writeSteps(manager: EntityManager, run: RunIdentity, step: RunStep, open: { nodeId: string | null; ordinal: number }, now: Date): Promise<Map<string, number>> {
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

  private async writeEffects(manager: EntityManager, runId: string, step: RunStep, ordinals: Map<string, number>): Promise<void> {
    if (!step.effects.length) return;
    const ordinalOf = (effect: Effect) => ordinals.get(effect.nodeId) || null;
    await manager.insert(
      RunEffect,
      step.effects.map((effect) => ({
        runId,
        effectKey: effect.key,
        effectType: effect.type,
        nodeId: effect.nodeId,
        effect,
        status: 'pending' as const,
        attempts: 0,
        stepOrdinal: ordinalOf(effect),
      })),
    );
  }

  /** Tags and variables a run sets belong to the contact too (the contacts API and later runs see them). */
  private async syncContact(manager: EntityManager, contactId: string, before: RunContext | null, after: RunContext): Promise<void> {
    const added = after.tags.filter((tag) => !before?.tags.includes(tag));
    const removed = (before?.tags ?? []).filter((tag) => !after.tags.includes(tag));
    const changedVariables = Object.fromEntries(Object.entries(after.variables).filter(([name, value]) => before?.variables[name] !== value));
    if (!added.length && !removed.length && !Object.keys(changedVariables).length) return;
    await manager.query(
      `UPDATE contacts
          SET tags = ARRAY(SELECT DISTINCT tag FROM unnest(array_cat(tags, $2::text[])) AS tag WHERE tag <> ALL($3::text[]) ORDER BY tag),
              variables = variables || $4::jsonb,
              updated_at = now()
        WHERE id = $1`,
      [contactId, added, removed, JSON.stringify(changedVariables)],
    );
  }
}
