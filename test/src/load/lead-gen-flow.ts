import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, text, trigger } from '../fixtures/instagram-flows';
import { readJson, type TenantFixture } from '../harness';

export const LEAD_GEN_QUESTION = "Thanks for asking! What's your email? We'll send the price list there.";
export const LEAD_GEN_THANKS = 'Got it, we will write to {{email}}.';

/**
 * The 6-node comment lead-gen flow: comment with `keyword` → public reply; the question is the flow's first
 * message, so Instagram gets it as the comment's private reply → the DM answer (an email) → tag → variable →
 * thanks DM → end (flow_completed).
 */
export function leadGenCommentFlow(keyword: string): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      trigger({ source: 'comment', keywords: [keyword], publicReply: 'Sent you a DM, @{{contact.username}}!' }),
      node('ask_email', 'question', {
        questionType: 'email',
        text: LEAD_GEN_QUESTION,
        variable: 'email',
        choices: [],
        invalidMessage: 'That does not look like an email.',
        maxAttempts: 3,
        allowSkip: false,
        skipLabel: 'Skip',
        timeoutSeconds: 0,
      }),
      node('tag_lead', 'tag', { action: 'add', tags: ['lead'] }),
      node('source', 'set_variable', { variable: 'source', operation: 'set', value: 'comment' }),
      node('thanks', 'send_message', text(LEAD_GEN_THANKS)),
      node('end', 'end', {}),
    ],
    edges: [
      ...chain('trigger', 'ask_email'),
      { id: 'ask_email-answered-tag_lead', source: 'ask_email', sourceHandle: 'answered', target: 'tag_lead' },
      { id: 'ask_email-invalid-end', source: 'ask_email', sourceHandle: 'invalid', target: 'end' },
      ...chain('tag_lead', 'source', 'thanks', 'end'),
    ],
  };
}

/** One tenant's published lead-gen flow and the endpoint that receives its flow_completed webhooks. */
export interface LeadGenTarget {
  tenant: TenantFixture;
  keyword: string;
  flowId: string;
  versionId: string;
  webhookEndpointId: string;
  /** `whsec_...`, to verify the deliveries' signatures. */
  webhookSecret: string;
}

async function call(serverUrl: string, apiKey: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${serverUrl}${path}`, {
    method,
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await readJson(response);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/**
 * Through the REST API, as a user would: creates and publishes the lead-gen flow for `tenant` and subscribes an
 * endpoint at `receiverUrl` to flow_completed (the server needs WEBHOOKS_ALLOW_PRIVATE_URLS=true for a loopback URL).
 */
export async function publishLeadGenFlow(
  serverUrl: string,
  tenant: TenantFixture,
  receiverUrl: string,
  keyword = 'price',
): Promise<LeadGenTarget> {
  const flow = await call(serverUrl, tenant.apiKey, 'POST', '/v1/flows', {
    name: `Lead gen (${keyword})`,
    draft: leadGenCommentFlow(keyword),
  });
  const version = await call(serverUrl, tenant.apiKey, 'POST', `/v1/flows/${String(flow.id)}/publish`);
  const endpoint = await call(serverUrl, tenant.apiKey, 'POST', '/v1/webhooks', {
    url: receiverUrl,
    events: ['flow_completed'],
    description: 'load scenario receiver',
  });
  return {
    tenant,
    keyword,
    flowId: String(flow.id),
    versionId: String(version.id),
    webhookEndpointId: String(endpoint.id),
    webhookSecret: String(endpoint.secret),
  };
}
