import type { GraphSandboxClient } from '@dmflow/sandbox';
import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { readJson, type Json } from './http';
import type { ApiCall } from './seed';

async function succeeded(response: Response, what: string): Promise<Json> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return readJson(response);
}

/** Creates resources through the public /v1 API, as a user would, for suites that need many of them. */
export function restResources(api: ApiCall) {
  const post = (path: string, key: string, body: unknown = {}) => api(path, key, { method: 'POST', body: JSON.stringify(body) });
  return {
    createFlow: async (key: string, name: string, draft: FlowGraph = createEmptyFlow()): Promise<Json> =>
      succeeded(await post('/v1/flows', key, { name, draft }), 'POST /v1/flows'),
    /** Publishes the flow's draft as its next version. */
    publishFlow: async (key: string, flowId: string): Promise<Json> => succeeded(await post(`/v1/flows/${flowId}/publish`, key), 'publish'),
    /** Starts a run by hand; returns its id. */
    startRun: async (key: string, flowVersionId: string, contactId: string, text = 'guide'): Promise<string> => {
      const outcome = await succeeded(
        await post('/v1/runs', key, { flow_version_id: flowVersionId, contact_id: contactId, text }),
        'POST /v1/runs',
      );
      if (!outcome.started) throw new Error(`no run started: ${JSON.stringify(outcome)}`);
      return outcome.run_id;
    },
    createWebhook: async (key: string, url: string, events = ['comment']): Promise<Json> =>
      succeeded(await post('/v1/webhooks', key, { url, events }), 'POST /v1/webhooks'),
    /** Connects with a token the server's sandbox (`graph`) answers GET /me for, as the manual path requires. */
    connectInstagramAccount: async (
      key: string,
      igUserId: string,
      graph: GraphSandboxClient,
      username = 'connected_shop',
    ): Promise<Json> => {
      const { access_token } = await graph.registerInstagramUser({ user_id: igUserId, username });
      return succeeded(await post('/v1/instagram-accounts', key, { ig_user_id: igUserId, access_token }), 'POST /v1/instagram-accounts');
    },
  };
}
