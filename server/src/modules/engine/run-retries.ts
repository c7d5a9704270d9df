import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Flow } from '../flows/entities/flow.entity';
import type { RetryFrom } from './dto/run.dto';
import { EffectDispatcher } from './effect-dispatcher';
import { EngineService } from './engine.service';
import { FlowRun, OPEN_RUN_STATUSES } from './entities/flow-run.entity';
import { RunEffect } from './entities/run-effect.entity';
import { statusOf } from './run-status';
import { DomainError } from '../../core/errors/domain-error';
import { EngineErrors } from './engine.errors';

const UNIQUE_VIOLATION = '23505';
const SENDS = new Set(['send_message', 'reply_comment']);

/**
 * Retries a failed run. From its failed step: the same run resumes where its effect gave up (the effect and the
 * ones skipped after it run again, under the same idempotency keys). From the start: a new run of the flow's
 * current published version for the same contact and trigger.
 */
@Injectable()
export class RunRetries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: EngineService,
    private readonly dispatcher: EffectDispatcher,
  ) {}

  /** Returns the run that goes on: the same one, or the new one. */
  async retry(accountId: string, runId: string, from: RetryFrom): Promise<FlowRun> {
    const run = await this.engine.getRun(accountId, runId);
    if (run.status !== 'failed') throw EngineErrors.runNotFailed(runId, run.status);
    return from === 'start' ? this.fromStart(accountId, run) : this.fromFailedStep(accountId, run);
  }

  private async fromFailedStep(accountId: string, run: FlowRun): Promise<FlowRun> {
    const failed = run.failedEffectId ? await this.dataSource.manager.findOneBy(RunEffect, { id: run.failedEffectId }) : null;
    if (!failed) {
      throw EngineErrors.runNotResumable(run.id, run.error ?? 'unknown error');
    }
    if (SENDS.has(failed.effectType) && (await this.sendInDoubt(failed.effectKey))) {
      throw EngineErrors.sendInDoubt(failed.effectType, failed.nodeId);
    }
    const status = statusOf(run.snapshot);
    try {
      const resumed = await this.dataSource.transaction(async (manager) => {
        const result = await manager
          .createQueryBuilder()
          .update(FlowRun)
          .set({ status, error: null, failedNodeId: null, failedEffectId: null, version: run.version + 1, updatedAt: new Date(), endedAt: status === 'completed' ? new Date() : null })
          .where(`id = :id AND version = :version AND status = 'failed'`, { id: run.id, version: run.version })
          .execute();
        if (result.affected !== 1) return false;
        // The timer the run waits for may have fired while it was failed, and been ignored: schedule it again.
        // Its job id is the timer id, so a timer still due is not scheduled twice; an overdue one fires now.
        await manager.query(
          `UPDATE run_effects SET status = 'pending', attempts = 0, last_error = NULL
            WHERE run_id = $1 AND (id = $2 OR status = 'skipped' OR (effect_type = 'schedule_timer' AND status = 'done' AND effect->>'timerId' = $3))`,
          [run.id, failed.id, run.snapshot.context.node.timerId ?? null],
        );
        return true;
      });
      if (!resumed) throw EngineErrors.runChangedWhileRetrying(run.id);
    } catch (error) {
      // Resuming reopens the run; the contact may meanwhile have an open run of the same flow.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      const open = await this.dataSource.manager.findOne(FlowRun, { where: { flowId: run.flowId, contactId: run.contactId, status: In([...OPEN_RUN_STATUSES]) } });
      throw this.inProgress(open?.id ?? null);
    }
    await this.dispatcher.dispatch(run.id);
    return this.engine.getRun(accountId, run.id);
  }

  private async fromStart(accountId: string, run: FlowRun): Promise<FlowRun> {
    const flow = await this.dataSource.manager.findOneBy(Flow, { id: run.flowId, accountId });
    if (!flow || flow.deletedAt) throw EngineErrors.flowDeleted(run.id);
    if (!flow.publishedVersionId) throw EngineErrors.flowNotPublished(run.id);
    const outcome = await this.engine.startRun({ flowVersionId: flow.publishedVersionId, contactId: run.contactId, trigger: run.trigger, retryOfRunId: run.id });
    if (!outcome.started) throw this.inProgress(outcome.runId);
    return this.engine.getRun(accountId, outcome.runId);
  }

  private inProgress(openRunId: string | null): DomainError {
    return EngineErrors.runInProgress(openRunId);
  }

  private async sendInDoubt(effectKey: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM outbound_sends WHERE idempotency_key = $1 AND status = 'sending'`, [effectKey])) as unknown[];
    return rows.length > 0;
  }
}
