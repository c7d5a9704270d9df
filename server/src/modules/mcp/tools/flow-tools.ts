import { Injectable } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { FLOW_TEMPLATES, flowTemplate, type TemplateAnswers } from '@dmflow/shared';
import * as z from 'zod';
import { PageQueryDto } from '../../../core/http/pagination';
import { CreateFlowDto, UpdateFlowDto } from '../../flows/dto/flow.dto';
import { FlowsService } from '../../flows/flows.service';
import { FlowAnalyticsQueryDto } from '../../flow-analytics/dto/flow-analytics.dto';
import { FlowAnalyticsService } from '../../flow-analytics/flow-analytics.service';
import { asDto } from '../dto-input';
import type { McpCaller } from '../mcp-caller';
import { McpErrors } from '../mcp.errors';
import { defineTool } from './define-tool';
import { flowIdInput, graphInput, pageInput } from './shared-inputs';

const templateParameters = z
  .object({
    post: z
      .object({
        scope: z.enum(['any', 'next', 'specific']).describe('any post, the next one published, or one post (media_id)'),
        media_id: z.string().optional().describe('with scope "specific": the Instagram media id (list_posts)'),
      })
      .optional(),
    keywords: z.array(z.string()).optional().describe("words that start the flow; the template's own when omitted"),
    texts: z
      .record(z.string(), z.string())
      .optional()
      .describe("the template's texts by key (resource dmflow://templates); blank = its default"),
  })
  .describe("a template's answers, as the editor's template wizard asks them");

function templateAnswers(parameters: z.infer<typeof templateParameters> | undefined): TemplateAnswers {
  const post = parameters?.post;
  return {
    ...(post ? { post: post.scope === 'specific' ? { scope: 'specific', mediaId: post.media_id ?? '' } : { scope: post.scope } } : {}),
    ...(parameters?.keywords ? { keywords: parameters.keywords } : {}),
    ...(parameters?.texts ? { texts: parameters.texts } : {}),
  };
}

/** Flows: list, read, write (from a graph or a template), validate, publish, pause and resume, stats. */
@Injectable()
export class FlowTools {
  constructor(
    private readonly flows: FlowsService,
    private readonly analytics: FlowAnalyticsService,
  ) {}

  register(server: McpServer, caller: McpCaller): void {
    const accountId = caller.account.id;
    defineTool(
      server,
      caller,
      'list_flows',
      {
        title: 'List flows',
        description: "The workspace's flows, newest first: name, status, trigger, enabled, revision.",
        access: 'read',
        input: pageInput,
      },
      async (args) => this.flows.list(accountId, await asDto(PageQueryDto, args)),
    );
    defineTool(
      server,
      caller,
      'get_flow',
      {
        title: 'Get a flow',
        description: 'One flow with its draft graph and revision (update_flow needs the revision).',
        access: 'read',
        input: flowIdInput,
      },
      ({ flow_id }) => this.flows.get(accountId, flow_id),
    );
    defineTool(
      server,
      caller,
      'create_flow',
      {
        title: 'Create a flow',
        description:
          'Saves a new draft flow from a graph (`draft`) or from a template (`template` + `parameters`); neither gives an empty flow. ' +
          `Templates: ${FLOW_TEMPLATES.map((template) => `"${template.id}" (${template.name})`).join(', ')}. ` +
          'Check it with validate_flow, then publish_flow.',
        access: 'write',
        input: {
          name: z.string().describe('the flow name, 1-200 characters'),
          draft: graphInput.optional(),
          template: z.string().optional().describe('a template id (resource dmflow://templates)'),
          parameters: templateParameters.optional(),
        },
      },
      async ({ name, draft, template, parameters }) => {
        if (draft && template) throw McpErrors.draftOrTemplate();
        const graph = template ? this.templateGraph(template, parameters) : draft;
        return this.flows.create(accountId, await asDto(CreateFlowDto, { name, draft: graph }));
      },
    );
    defineTool(
      server,
      caller,
      'update_flow',
      {
        title: 'Update a flow',
        description:
          'Renames a flow and/or replaces its draft graph. `revision` is the one get_flow returned: if someone saved since, nothing is written (revision_conflict).',
        access: 'write',
        input: {
          ...flowIdInput,
          revision: z.number().int().describe('the revision this edit is based on'),
          name: z.string().optional(),
          draft: graphInput.optional(),
        },
      },
      async ({ flow_id, ...changes }) => this.flows.update(accountId, flow_id, await asDto(UpdateFlowDto, changes)),
    );
    defineTool(
      server,
      caller,
      'validate_flow',
      {
        title: 'Validate a flow',
        description:
          'The problems of a saved flow (`flow_id`) or of a graph not saved yet (`draft`): `errors` stop publishing, `warnings` do not. ' +
          'Each problem names its node (nodeId, block) and, for a setting, its field.',
        access: 'read',
        input: { flow_id: z.string().optional().describe('a saved flow'), draft: graphInput.optional() },
      },
      async ({ flow_id, draft }) => {
        if ((flow_id === undefined) === (draft === undefined)) throw McpErrors.flowOrDraft();
        return flow_id !== undefined ? this.flows.validate(accountId, flow_id) : this.flows.validateDocument(accountId, draft ?? {});
      },
    );
    defineTool(
      server,
      caller,
      'publish_flow',
      {
        title: 'Publish a flow',
        description:
          'Freezes the draft into a new version and makes it live; an invalid draft is refused (flow_invalid) with its problems in `details`.',
        access: 'write',
        input: flowIdInput,
      },
      ({ flow_id }) => this.flows.publish(accountId, flow_id),
    );
    defineTool(
      server,
      caller,
      'pause_flow',
      {
        title: 'Pause a flow',
        description: 'Stops the flow starting new runs; runs already open go on.',
        access: 'write',
        input: flowIdInput,
        idempotent: true,
      },
      ({ flow_id }) => this.flows.setEnabled(accountId, flow_id, false),
    );
    defineTool(
      server,
      caller,
      'resume_flow',
      {
        title: 'Resume a flow',
        description: 'Lets a paused flow start runs from its trigger again.',
        access: 'write',
        input: flowIdInput,
        idempotent: true,
      },
      ({ flow_id }) => this.flows.setEnabled(accountId, flow_id, true),
    );
    defineTool(
      server,
      caller,
      'flow_stats',
      {
        title: 'Flow stats',
        description: "A published flow's funnel: runs started, completed and failed, and per block how many entered and left by each exit.",
        access: 'read',
        input: {
          ...flowIdInput,
          version_id: z.string().optional().describe('a published version (default: the live one)'),
          from: z.string().optional().describe('ISO-8601 start of the period (runs started at or after)'),
          to: z.string().optional().describe('ISO-8601 end of the period (runs started before)'),
        },
      },
      async ({ flow_id, ...query }) => this.analytics.analytics(accountId, flow_id, await asDto(FlowAnalyticsQueryDto, query)),
    );
  }

  private templateGraph(id: string, parameters: z.infer<typeof templateParameters> | undefined): Record<string, unknown> {
    const template = flowTemplate(id);
    if (!template)
      throw McpErrors.templateNotFound(
        id,
        FLOW_TEMPLATES.map((known) => known.id),
      );
    return { ...template.build(templateAnswers(parameters)) };
  }
}
