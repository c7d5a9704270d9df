import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppException } from '../../core/errors/app.exception';
import { Flow } from '../flows/entities/flow.entity';
import type { RetryFrom } from './dto/run.dto';
import { EffectDispatcher } from './effect-dispatcher';
import { EngineService } from './engine.service';
import { FlowRun, OPEN_RUN_STATUSES } from './entities/flow-run.entity';
import { RunEffect } from './entities/run-effect.entity';
import { statusOf } from './run-status';

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
    if (run.status !== 'failed') throw new AppException(HttpStatus.CONFLICT, 'run_not_failed', `Only a failed run can be retried; run ${runId} is ${run.status}`);
    return from === 'start' ? this.fromStart(accountId, run) : this.fromFailedStep(accountId, run);
  }

  private async fromFailedStep(accountId: string, run: FlowRun): Promise<FlowRun> {
    const failed = run.failedEffectId ? await this.dataSource.manager.findOneBy(RunEffect, { id: run.failedEffectId }) : null;
    if (!failed) {
      throw new AppException(
        HttpStatus.CONFLICT,
        'run_not_resumable',
        `Run ${run.id} failed inside the flow (${run.error ?? 'unknown error'}), not at an effect; it cannot resume from its step. Retry it with {"from":"start"}.`,
      );
    }
    if (SENDS.has(failed.effectType) && (await this.sendInDoubt(failed.effectKey))) {
      throw new AppException(
        HttpStatus.CONFLICT,
        'send_in_doubt',
        `The ${failed.effectType} at node ${failed.nodeId} may have reached Instagram before it failed; it is not sent again. Retry with {"from":"start"} to start over.`,
      );
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
      if (!resumed) throw new AppException(HttpStatus.CONFLICT, 'run_changed', `Run ${run.id} changed while retrying (another retry?); reload it`);
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
    if (!flow || flow.deletedAt) throw new AppException(HttpStatus.CONFLICT, 'flow_deleted', `The flow of run ${run.id} was deleted; it cannot start again`);
    if (!flow.publishedVersionId) throw new AppException(HttpStatus.CONFLICT, 'flow_not_published', `The flow of run ${run.id} has no published version`);
    const outcome = await this.engine.startRun({ flowVersionId: flow.publishedVersionId, contactId: run.contactId, trigger: run.trigger, retryOfRunId: run.id });
    if (!outcome.started) throw this.inProgress(outcome.runId);
    return this.engine.getRun(accountId, outcome.runId);
  }

  private inProgress(openRunId: string | null): AppException {
    return new AppException(
      HttpStatus.CONFLICT,
      'run_in_progress',
      openRunId ? `The contact has an open run of this flow (${openRunId}); cancel it or let it finish first` : 'The contact has an open run of this flow',
      openRunId ? [{ field: 'run_id', message: openRunId }] : undefined,
    );
  }

  private async sendInDoubt(effectKey: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM outbound_sends WHERE idempotency_key = $1 AND status = 'sending'`, [effectKey])) as unknown[];
    return rows.length > 0;
  }
}
