import { Injectable } from '@nestjs/common';
import { DomainError } from '../../core/errors/domain-error';
import { EngineErrors } from '../engine/engine.errors';
import { EngineService } from '../engine/engine.service';
import { type RunRecord, RunRecordsService } from '../engine/run-records.service';
import { statusOf } from '../engine/run-status';
import { FlowVersionsService } from '../flows/flow-versions.service';
import { MessagingService } from '../messaging/messaging.service';
import type { RetryFrom } from './dto/run.dto';
import { RunsService } from './runs.service';

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
    private readonly runs: RunsService,
    private readonly records: RunRecordsService,
    private readonly engine: EngineService,
    private readonly flows: FlowVersionsService,
    private readonly messaging: MessagingService,
  ) {}

  /**
   * Returns the run that goes on: the same one, or the new one. A run `in_doubt` (a send nobody could settle with
   * Meta) resumes at that send, which is reconciled with Meta afresh: recorded if Instagram shows it went out,
   * sent otherwise.
   */
  async retry(accountId: string, runId: string, from: RetryFrom): Promise<RunRecord> {
    const run = await this.runs.getRun(accountId, runId);
    if (run.status !== 'failed' && run.status !== 'in_doubt') throw EngineErrors.runNotFailed(runId, run.status);
    return from === 'start' ? this.fromStart(accountId, run) : this.fromFailedStep(accountId, run);
  }

  private async fromFailedStep(accountId: string, run: RunRecord): Promise<RunRecord> {
    const failed = run.failedEffectId ? await this.records.findEffect(run.failedEffectId) : null;
    if (!failed) {
      throw EngineErrors.runNotResumable(run.id, run.error ?? 'unknown error');
    }
    // The person chose to go on: a send still in doubt is asked about again, with a new reconciliation deadline.
    if (SENDS.has(failed.effectType) && (await this.messaging.isSendInDoubt(failed.effectKey))) {
      await this.messaging.restartReconciliation(failed.effectKey);
    }
    try {
      const resumed = await this.records.resumeAtFailedEffect(run, failed.id, statusOf(run.snapshot));
      if (!resumed) throw EngineErrors.runChangedWhileRetrying(run.id);
    } catch (error) {
      // Resuming reopens the run; the contact may meanwhile have an open run of the same flow.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      const open = await this.records.openRun(run.flowId, run.contactId);
      throw this.inProgress(open?.id ?? null);
    }
    return this.runs.getRun(accountId, run.id);
  }

  private async fromStart(accountId: string, run: RunRecord): Promise<RunRecord> {
    const flow = await this.flows.findFlow(accountId, run.flowId);
    if (!flow || flow.deletedAt) throw EngineErrors.flowDeleted(run.id);
    if (!flow.publishedVersionId) throw EngineErrors.flowNotPublished(run.id);
    const outcome = await this.engine.startRun({
      flowVersionId: flow.publishedVersionId,
      contactId: run.contactId,
      trigger: run.trigger,
      retryOfRunId: run.id,
    });
    if (!outcome.started) throw this.inProgress(outcome.runId);
    return this.runs.getRun(accountId, outcome.runId);
  }

  private inProgress(openRunId: string | null): DomainError {
    return EngineErrors.runInProgress(openRunId);
  }
}
