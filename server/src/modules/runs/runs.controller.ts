import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { ApiPageResponse } from '../../core/http/api-responses';
import type { Page } from '../../core/http/pagination';
import { ListRunsQueryDto, RetryRunDto, RunDetailView, RunView, StartRunDto, StartRunView } from './dto/run.dto';
import { EngineService } from '../engine/engine.service';
import type { RunRecord } from '../engine/run-records.service';
import { RunHistory } from './run-history';
import { RunRetries } from './run-retries';
import { RunsService } from './runs.service';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';

@V1Controller('runs')
export class RunsController {
  constructor(
    private readonly engine: EngineService,
    private readonly runs: RunsService,
    private readonly history: RunHistory,
    private readonly retries: RunRetries,
  ) {}

  /** Starts a run by hand (a "test this flow on a contact" button); inbound events start runs by themselves. */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: StartRunView })
  async start(@CurrentAccount() account: AuthenticatedAccount, @Body() body: StartRunDto): Promise<StartRunView> {
    const outcome = await this.engine.startRunForAccount(account.id, body.flow_version_id, body.contact_id, body.text);
    return outcome.started ? { started: true, run_id: outcome.runId } : { started: false, run_id: outcome.runId, reason: outcome.reason };
  }

  @Get()
  @ApiPageResponse(RunView)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() query: ListRunsQueryDto): Promise<Page<RunView>> {
    return this.runs.listRuns(account.id, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A run with its step history: each node entered, when, the port it left by, and the effects made there' })
  @ApiOkResponse({ type: RunDetailView })
  async get(@CurrentAccount() account: AuthenticatedAccount, @Param('id', ParseUUIDPipe) id: string): Promise<RunDetailView> {
    return this.detail(await this.runs.getRun(account.id, id));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Retries a failed or in_doubt run from its failed step (default) or from the start on the current published version; a send in doubt is asked about again at Instagram',
  })
  @ApiOkResponse({ type: RunDetailView, description: 'the run that goes on: the same run (failed_step) or the new run (start)' })
  @ApiConflictResponse({
    description: 'run_not_failed, run_not_resumable, run_in_progress, run_already_retried, run_changed, flow_deleted, flow_not_published',
  })
  @ApiNotFoundResponse({ description: 'run_not_found' })
  async retry(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RetryRunDto,
  ): Promise<RunDetailView> {
    return this.detail(await this.retries.retry(account.id, id, body.from ?? 'failed_step'));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: RunView })
  async cancel(@CurrentAccount() account: AuthenticatedAccount, @Param('id', ParseUUIDPipe) id: string): Promise<RunView> {
    return RunView.of(await this.runs.cancelRun(account.id, id));
  }

  private detail(run: RunRecord): Promise<RunDetailView> {
    return this.history.detail(run);
  }
}
