import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/http/pagination';
import { EngineErrors } from '../engine/engine.errors';
import { type RunRecord, RunRecordsService } from '../engine/run-records.service';
import { OPEN_RUN_STATUSES } from '../engine/run-status';
import { ListRunsQueryDto, RunView } from './dto/run.dto';

/** Runs as the REST API shows them: an account sees and cancels only its own runs. */
@Injectable()
export class RunsService {
  constructor(private readonly records: RunRecordsService) {}

  async getRun(accountId: string, runId: string): Promise<RunRecord> {
    const run = await this.records.findOwned(accountId, runId);
    if (!run) throw EngineErrors.runNotFound(runId);
    return run;
  }

  /** Runs of the account, newest first, filtered by flow, contact and status. */
  listRuns(accountId: string, query: ListRunsQueryDto): Promise<Page<RunView>> {
    return this.records.page(accountId, { flowId: query.flow_id, contactId: query.contact_id, status: query.status }, query, RunView.of);
  }

  async cancelRun(accountId: string, runId: string): Promise<RunRecord> {
    const run = await this.getRun(accountId, runId);
    if (!OPEN_RUN_STATUSES.includes(run.status)) throw EngineErrors.runNotOpen(runId, run.status);
    const cancelled = await this.records.cancel(run.id);
    const after = await this.getRun(accountId, runId);
    // It ended on its own between the read and the cancel.
    if (!cancelled) throw EngineErrors.runNotOpen(runId, after.status);
    return after;
  }

  /** How many runs each flow has had, for the flows API. */
}
