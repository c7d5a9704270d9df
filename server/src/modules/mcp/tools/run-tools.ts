import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { RUN_STATUSES } from '../../engine/run-status';
import { ListRunsQueryDto, RETRY_FROM, RetryRunDto } from '../../runs/dto/run.dto';
import { RunHistory } from '../../runs/run-history';
import { RunRetries } from '../../runs/run-retries';
import { RunsService } from '../../runs/runs.service';
import { asDto } from '../dto-input';
import type { McpCaller } from '../mcp-caller';
import { defineTool } from './define-tool';
import { pageInput } from './shared-inputs';

// As POST /v1/runs/:id/retry reads its path id: a malformed id is a 400, not a lookup.
const runIdPipe = new ParseUUIDPipe();

/** Runs: one contact's way through one flow version. */
@Injectable()
export class RunTools {
  constructor(
    private readonly runs: RunsService,
    private readonly retries: RunRetries,
    private readonly history: RunHistory,
  ) {}

  register(server: McpServer, caller: McpCaller): void {
    const accountId = caller.account.id;
    defineTool(
      server,
      caller,
      'list_runs',
      {
        title: 'List runs',
        description: 'Runs, newest first, optionally of one flow, one contact or in one status (e.g. failed).',
        access: 'read',
        input: {
          ...pageInput,
          flow_id: z.string().optional(),
          contact_id: z.string().optional(),
          status: z.enum(RUN_STATUSES).optional(),
        },
      },
      async (args) => this.runs.listRuns(accountId, await asDto(ListRunsQueryDto, args)),
    );
    defineTool(
      server,
      caller,
      'retry_run',
      {
        title: 'Retry a run',
        description:
          'Retries a failed (or in_doubt) run from the step that failed, or from the start on the live version; answers the run that goes on, with its steps.',
        access: 'write',
        input: { run_id: z.string(), from: z.enum(RETRY_FROM).optional().describe('failed_step (default) or start') },
      },
      async ({ run_id, from }) => {
        await runIdPipe.transform(run_id, { type: 'param', data: 'id' });
        const body = await asDto(RetryRunDto, { from });
        return this.history.detail(await this.retries.retry(accountId, run_id, body.from ?? 'failed_step'));
      },
    );
  }
}
