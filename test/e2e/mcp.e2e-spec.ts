import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { FLOW_SCHEMA_VERSION } from '@dmflow/shared';
import { createPerson, createTenant, readJson, runOperator, settledInboxEvent, waitFor, type TenantFixture } from '../src/harness';
import { callTool, connectMcpClient, type McpTransportKind } from '../src/harness/mcp-client';
import { useServerWithTenants } from '../src/harness/suite';

const TOOLS = [
  'list_flows',
  'get_flow',
  'create_flow',
  'update_flow',
  'validate_flow',
  'publish_flow',
  'pause_flow',
  'resume_flow',
  'flow_stats',
  'list_contacts',
  'get_contact',
  'list_runs',
  'retry_run',
  'send_message',
  'post_comment',
  'list_posts',
];

/**
 * What an assistant writes from the catalogue: a comment trigger on one post and a DM with a button, settings left
 * to their defaults where it has nothing to say, and (its one slip) a button without a title.
 */
function assistantGraph(mediaId: string, keyword: string, buttonTitle?: string) {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      {
        id: 'when_commented',
        type: 'trigger',
        position: { x: 0, y: 0 },
        data: { config: { source: 'comment', postScope: 'specific', mediaId, keywords: [keyword] } },
      },
      {
        id: 'send_guide',
        type: 'send_message',
        position: { x: 300, y: 0 },
        data: {
          title: 'Send the guide',
          config: {
            kind: 'buttons',
            text: 'Here is your guide! Tap below and I will send the link.',
            buttons: [{ type: 'postback', payload: 'SEND_GUIDE', ...(buttonTitle ? { title: buttonTitle } : {}) }],
          },
        },
      },
      { id: 'done', type: 'end', position: { x: 600, y: 0 }, data: { config: {} } },
    ],
    edges: [
      { id: 'e1', source: 'when_commented', sourceHandle: 'next', target: 'send_guide' },
      { id: 'e2', source: 'send_guide', sourceHandle: 'next', target: 'done' },
    ],
  };
}

describe('MCP server (/mcp): the SDK client over Streamable HTTP and over the stdio entry', () => {
  const suite = useServerWithTenants({ tenants: [{ owner: true }, {}] });
  const { api, database, graph, meta } = suite;
  const [tenant, other] = suite.tenants;
  const serverUrl = () => suite.stack.server.url;
  const clients: Client[] = [];

  async function connect(kind: McpTransportKind, apiKey: string | null): Promise<Client> {
    const client = await connectMcpClient(kind, serverUrl(), apiKey);
    clients.push(client);
    return client;
  }

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
  });

  describe.each<[McpTransportKind, string]>([
    ['http', '18100000000000001'],
    ['stdio', '18100000000000002'],
  ])('over %s', (kind, mediaId) => {
    const keyword = `guide${kind}`;
    let client: Client;
    let flowId: string;

    beforeAll(async () => {
      client = await connect(kind, tenant.apiKey);
    });

    it('offers every tool with a JSON schema, the catalogue and flow schema resources, and the lead-magnet prompt', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOLS].sort());
      const createFlow = tools.find((tool) => tool.name === 'create_flow');
      expect(createFlow?.inputSchema).toMatchObject({ type: 'object', required: ['name'] });
      expect(Object.keys(createFlow?.inputSchema.properties ?? {})).toEqual(['name', 'draft', 'template', 'parameters']);

      const catalogue = await client.readResource({ uri: 'dmflow://catalogue/blocks' });
      const blocks = JSON.parse((catalogue.contents[0] as { text: string }).text);
      expect(blocks.blocks.find((block: { type: string }) => block.type === 'question').defaults).toMatchObject({ maxAttempts: 3 });
      expect(blocks.flowLimits).toMatchObject({ nodesPerFlow: expect.any(Number) });
      const schema = await client.readResource({ uri: 'dmflow://schema/flow' });
      expect(JSON.parse((schema.contents[0] as { text: string }).text)).toMatchObject({ required: ['nodes', 'edges'] });

      const prompt = await client.getPrompt({ name: 'comment_to_dm_lead_magnet', arguments: { post_id: mediaId } });
      expect((prompt.messages[0].content as { text: string }).text).toContain(`"media_id": "${mediaId}"`);
    });

    it('an assistant creates a flow, fixes the one problem validation reports, publishes it, and a comment triggers it', async () => {
      const created = await callTool(client, 'create_flow', { name: `Guide (${kind})`, draft: assistantGraph(mediaId, keyword) });
      expect(created.isError).toBe(false);
      flowId = created.json.id;
      // Settings the assistant left out took the catalogue's defaults, as the editor gives a new block.
      const trigger = created.json.draft.nodes.find((node: { id: string }) => node.id === 'when_commented');
      expect(trigger.data.config).toMatchObject({ oncePerUser: false, keywordMatch: expect.any(String) });

      const validation = await callTool(client, 'validate_flow', { flow_id: flowId });
      expect(validation.json).toMatchObject({ valid: false });
      expect(validation.json.errors).toEqual([
        { nodeId: 'send_guide', block: 'Send the guide', field: 'buttons.0.title', message: 'buttons.0.title is required' },
      ]);
      const refused = await callTool(client, 'publish_flow', { flow_id: flowId });
      expect(refused).toMatchObject({ isError: true, json: { status: 422, code: 'flow_invalid' } });

      const { json: current } = await callTool(client, 'get_flow', { flow_id: flowId });
      const fixed = await callTool(client, 'update_flow', {
        flow_id: flowId,
        revision: current.revision,
        draft: assistantGraph(mediaId, keyword, 'Send it'),
      });
      expect(fixed).toMatchObject({ isError: false, json: { revision: current.revision + 1 } });
      expect((await callTool(client, 'validate_flow', { flow_id: flowId })).json).toMatchObject({ valid: true, errors: [] });

      const published = await callTool(client, 'publish_flow', { flow_id: flowId });
      expect(published).toMatchObject({ isError: false, json: { version: 1, is_live: true, flow_id: flowId } });

      const commentId = `mcp-comment-${kind}`;
      await meta.comment({
        igUserId: tenant.igUserId,
        text: `${keyword} please`,
        mediaId,
        commentId,
        fromId: `igsid-mcp-${kind}`,
        username: 'fan',
      });
      expect((await settledInboxEvent(database.url, `comment:${commentId}`)).outcome).toMatch(/^started:/);
      const sends = await waitFor(
        () => graph.calls('/messages'),
        (calls) => calls.some((call) => call.body?.recipient?.comment_id === commentId),
        20_000,
        'the private reply in the sandbox',
      );
      const reply = sends.find((call) => call.body?.recipient?.comment_id === commentId);
      expect(reply?.body.message.attachment.payload.buttons[0]).toMatchObject({ type: 'postback', title: 'Send it' });

      const runs = await callTool(client, 'list_runs', { flow_id: flowId });
      expect(runs.json.data).toHaveLength(1);
      const stats = await callTool(client, 'flow_stats', { flow_id: flowId });
      expect(stats.isError).toBe(false);
    });

    it('pauses and resumes the flow, and answers the REST error codes', async () => {
      expect((await callTool(client, 'pause_flow', { flow_id: flowId })).json).toMatchObject({ enabled: false });
      expect((await callTool(client, 'resume_flow', { flow_id: flowId })).json).toMatchObject({ enabled: true });
      expect(await callTool(client, 'get_flow', { flow_id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
        isError: true,
        json: { status: 404, code: 'flow_not_found' },
      });
      const badPage = await callTool(client, 'list_flows', { limit: 1000 });
      expect(badPage).toMatchObject({ isError: true, json: { status: 400, code: 'validation_failed' } });
      expect(badPage.json.details).toContainEqual({ field: 'limit', message: expect.stringContaining('limit') });
      expect(await callTool(client, 'create_flow', { name: 'x', template: 'no-such-template' })).toMatchObject({
        isError: true,
        json: { status: 404, code: 'template_not_found' },
      });
    });
  });

  it('creates a flow from a template with parameters, like the template wizard', async () => {
    const client = await connect('http', tenant.apiKey);
    const created = await callTool(client, 'create_flow', {
      name: 'Lead magnet from a template',
      template: 'lead-magnet',
      parameters: { post: { scope: 'specific', media_id: '18100000000000009' }, keywords: ['ebook'] },
    });
    expect(created.isError).toBe(false);
    expect(created.json.trigger_summary).toContain('ebook');
    expect((await callTool(client, 'validate_flow', { flow_id: created.json.id })).json.errors).toEqual([]);
  });

  it('send_message and post_comment are /api-webhook: its answers, its 400s and its Idempotency-Key', async () => {
    const client = await connect('http', tenant.apiKey);
    const args = { recipient_id: '2358708294634624', message: { text: 'Hello from an assistant' }, idempotency_key: 'mcp-send-1' };
    const sent = await callTool(client, 'send_message', args);
    expect(sent).toMatchObject({ isError: false, json: { message: 'Message sent', recipient_id: '2358708294634624' } });
    const replayed = await callTool(client, 'send_message', args);
    expect(replayed.json).toEqual({ ...sent.json, idempotent_replayed: true });
    const texts = (await graph.calls('/messages')).filter((call) => call.body?.message?.text === 'Hello from an assistant');
    expect(texts).toHaveLength(1);

    const missing = await callTool(client, 'send_message', { message: { text: 'to nobody' } });
    expect(missing).toMatchObject({ isError: true, json: { status: 400, code: 'missing_recipient_id', error: 'Missing recipient_id' } });
    const comment = await callTool(client, 'post_comment', { comment_id: '17900000000000001', comment_text: 'Thanks!' });
    expect(comment).toMatchObject({ isError: false, json: { message: 'Comment reply posted' } });
  });

  it('refuses calls without a key or with a wrong one, over both transports', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-key' }]) {
      const response = await fetch(`${serverUrl()}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(response.status).toBe(401);
      expect((await readJson(response)).error.code).toBe('authorization' in headers ? 'invalid_api_key' : 'missing_api_key');
    }
    // Stateless: every answer comes with its POST, so there is no stream to GET.
    expect((await api('/mcp', tenant.apiKey, { headers: { accept: 'text/event-stream' } })).status).toBe(405);
    expect((await api('/mcp', tenant.apiKey, { method: 'DELETE' })).status).toBe(405);
    await expect(connectMcpClient('http', serverUrl(), null)).rejects.toThrow(/401|missing_api_key/);
    await expect(connectMcpClient('stdio', serverUrl(), 'not-a-key')).rejects.toThrow(/invalid_api_key/);
  });

  it('never reaches another workspace: its ids answer not found, its lists stay out', async () => {
    const mine = await connect('http', tenant.apiKey);
    const theirs = await connect('stdio', other.apiKey);
    const { json: flows } = await callTool(mine, 'list_flows', { limit: 100 });
    const flowId = flows.data[0].id;
    const { json: runs } = await callTool(mine, 'list_runs', {});
    const runId = runs.data[0].id;
    const contactId = runs.data[0].contact_id;
    const { json: current } = await callTool(mine, 'get_flow', { flow_id: flowId });

    const attempts: Array<[string, Record<string, unknown>, string]> = [
      ['get_flow', { flow_id: flowId }, 'flow_not_found'],
      ['update_flow', { flow_id: flowId, revision: current.revision, name: 'Taken over' }, 'flow_not_found'],
      ['validate_flow', { flow_id: flowId }, 'flow_not_found'],
      ['publish_flow', { flow_id: flowId }, 'flow_not_found'],
      ['pause_flow', { flow_id: flowId }, 'flow_not_found'],
      ['resume_flow', { flow_id: flowId }, 'flow_not_found'],
      ['flow_stats', { flow_id: flowId }, 'flow_not_found'],
      ['get_contact', { contact_id: contactId }, 'contact_not_found'],
      ['retry_run', { run_id: runId }, 'run_not_found'],
    ];
    for (const [tool, args, code] of attempts) {
      expect({ tool, ...(await callTool(theirs, tool, args)) }).toMatchObject({ tool, isError: true, json: { status: 404, code } });
    }
    expect((await callTool(theirs, 'list_flows', { limit: 100 })).json.data).toEqual([]);
    expect((await callTool(theirs, 'list_runs', { flow_id: flowId })).json.data).toEqual([]);
    expect((await callTool(theirs, 'list_contacts', {})).json.data).toEqual([]);
    const unchanged = await callTool(mine, 'get_flow', { flow_id: flowId });
    expect(unchanged.json).toMatchObject({ name: current.name, revision: current.revision, enabled: current.enabled });
  });

  it('holds each key to its scope and plan, as /v1 and /api-webhook do', async () => {
    const owner = await createPerson(suite.stack.server.env, serverUrl(), tenant.accountId, 'owner');
    const keyOf = async (scope: string) =>
      (await readJson(await owner.call('/v1/api-keys', { method: 'POST', json: { name: `mcp ${scope}`, scope } }))).key as string;
    const readOnly = await connect('http', await keyOf('read-only'));
    expect((await callTool(readOnly, 'list_flows', {})).isError).toBe(false);
    expect(await callTool(readOnly, 'create_flow', { name: 'Not allowed' })).toMatchObject({
      isError: true,
      json: { status: 403, code: 'api_key_scope' },
    });
    expect(await callTool(readOnly, 'send_message', { recipient_id: '1', message: { text: 'x' } })).toMatchObject({
      isError: true,
      json: { status: 403, code: 'api_key_scope' },
    });
    const webhookOnly = await connect('http', await keyOf('api-webhook'));
    expect(await callTool(webhookOnly, 'list_flows', {})).toMatchObject({ isError: true, json: { status: 403, code: 'api_key_scope' } });

    const free: TenantFixture = await createTenant(suite.stack.server.env);
    expect((await runOperator(suite.stack.server.env, ['account:set-plan', '--account', free.accountId, '--plan', 'free'])).code).toBe(0);
    const refused = await api('/mcp', free.apiKey, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(refused.status).toBe(403);
    expect((await readJson(refused)).error.code).toBe('plan_without_api_access');
  });
});
