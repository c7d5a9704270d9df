import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../accounts/api-key.guard';
import { CurrentAccount } from '../accounts/current-account.decorator';
import type { Account } from '../accounts/entities/account.entity';
import { ApiPageResponse } from '../common/api-responses';
import type { Page } from '../common/pagination';
import { apiValidationPipe } from '../common/validation.pipe';
import { ListRunsQueryDto, RunView, StartRunDto, StartRunView } from './dto/run.dto';
import { EngineService } from './engine.service';

@ApiTags('runs')
@ApiBearerAuth()
@Controller('v1/runs')
@UseGuards(ApiKeyGuard)
@UsePipes(apiValidationPipe())
export class RunsController {
  constructor(private readonly engine: EngineService) {}

  /** Starts a run by hand (a "test this flow on a contact" button); inbound events start runs by themselves. */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: StartRunView })
  async start(@CurrentAccount() account: Account, @Body() body: StartRunDto): Promise<StartRunView> {
    const outcome = await this.engine.startRunForAccount(account.id, body.flow_version_id, body.contact_id, body.text);
    return outcome.started ? { started: true, run_id: outcome.runId } : { started: false, run_id: outcome.runId, reason: outcome.reason };
  }

  @Get()
  @ApiPageResponse(RunView)
  list(@CurrentAccount() account: Account, @Query() query: ListRunsQueryDto): Promise<Page<RunView>> {
    return this.engine.listRuns(account.id, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: RunView })
  async get(@CurrentAccount() account: Account, @Param('id', ParseUUIDPipe) id: string): Promise<RunView> {
    return RunView.of(await this.engine.getRun(account.id, id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: RunView })
  async cancel(@CurrentAccount() account: Account, @Param('id', ParseUUIDPipe) id: string): Promise<RunView> {
    return RunView.of(await this.engine.cancelRun(account.id, id));
  }
}
