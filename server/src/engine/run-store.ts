import type { RunContext, RunStep } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FlowRun } from './entities/flow-run.entity';
import { RunEffect } from './entities/run-effect.entity';
import { statusAfter } from './run-status';

export interface NewRun {
  id: string;
  accountId: string;
  flowId: string;
  flowVersionId: string;
  contactId: string;
  trigger: FlowRun['trigger'];
}

/** Writes a run's step — snapshot, outbox effects, contact tags and variables — inside the caller's transaction. */
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
    await this.writeEffects(manager, run.id, step);
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
    await this.writeEffects(manager, run.id, step);
    await this.syncContact(manager, run.contactId, run.snapshot.context, step.snapshot.context);
    return true;
  }

  async fail(manager: EntityManager, run: FlowRun, reason: string): Promise<boolean> {
    const now = new Date();
    const result = await manager
      .createQueryBuilder()
      .update(FlowRun)
      .set({ status: 'failed', error: reason.slice(0, 2000), version: run.version + 1, updatedAt: now, endedAt: now })
      .where('id = :id AND version = :version', { id: run.id, version: run.version })
      .execute();
    return result.affected === 1;
  }

  private async writeEffects(manager: EntityManager, runId: string, step: RunStep): Promise<void> {
    if (!step.effects.length) return;
    await manager.insert(
      RunEffect,
      step.effects.map((effect) => ({ runId, effectKey: effect.key, effectType: effect.type, nodeId: effect.nodeId, effect, status: 'pending' as const, attempts: 0 })),
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
