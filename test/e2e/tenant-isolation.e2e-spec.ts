import { leadGenFlow } from '@dmflow/shared/testing';
import { notifyTeamFlow } from '../src/fixtures/instagram-flows';
import {
  createPerson,
  fetchApiOperations,
  fillPath,
  readJson,
  restResources,
  seedContact,
  startHttpRecorder,
  waitFor,
  type ApiOperation,
  type HttpRecorder,
  type Json,
  type PersonSession,
  type TenantFixture,
} from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';
import { EXAMPLE_PAYLOADS, recordWebhookEvents } from '../src/webhooks/producer';

// Account A tries every /v1 operation of the OpenAPI document on account B's records, once with its API key and
// once as its owner signed in (session cookie). The tables below say how each operation is tried; an operation
// they do not know fails the suite, so no new route escapes the sweep.

interface Resources {
  accountId: string;
  flowId: string;
  versionId: string;
  contactId: string;
  runId: string;
  webhookId: string;
  deliveryId: string;
  instagramAccountId: string;
  igUserId: string;
  /** The workspace owner's user id, a pending invite and an API key: a person's settings. */
  userId: string;
  inviteId: string;
  apiKeyId: string;
  segmentId: string;
  broadcastId: string;
  /** The owner's notification from a flow's "Notify the team" block. */
  notificationId: string;
  flowRevision: number;
}

type IdName = Exclude<keyof Resources, 'flowRevision'>;

/** `{id}` names the record of the path's first segment; other path parameters name themselves. */
const ID_OF_RESOURCE: Record<string, IdName> = {
  flows: 'flowId',
  contacts: 'contactId',
  runs: 'runId',
  webhooks: 'webhookId',
  'instagram-accounts': 'instagramAccountId',
  invites: 'inviteId',
  'api-keys': 'apiKeyId',
  segments: 'segmentId',
  broadcasts: 'broadcastId',
  notifications: 'notificationId',
};
const ID_OF_PARAMETER: Record<string, IdName> = {
  versionId: 'versionId',
  deliveryId: 'deliveryId',
  userId: 'userId',
  contactId: 'contactId',
};

/** List filters that name a record. */
const ID_OF_FILTER: Record<string, IdName> = {
  flow_id: 'flowId',
  contact_id: 'contactId',
  instagram_account_id: 'instagramAccountId',
  version_id: 'versionId',
};

type Attempt =
  /** Called with the victim's ids in the path (and a body the owner could send): 404, nothing changes. */
  | { kind: 'path-ids'; body?: (victim: Resources) => unknown }
  /** A list: shows the caller's own `own` record and none of the victim's, even filtered by the victim's ids. */
  | { kind: 'list'; own: IdName }
  /** A file download (CSV): names the caller's own `own` record and none of the victim's, even filtered by the victim's ids. */
  | { kind: 'download'; own: IdName }
  /** Takes ids in its body: each attempt names a victim's id and is refused. */
  | { kind: 'body-ids'; attempts: (attacker: Resources, victim: Resources) => Array<{ body: unknown; status: number; code: string }> }
  /** About or for the caller only: its answer must not mention the victim. */
  | { kind: 'own-account'; body?: unknown }
  /** About the signed-in person, not a workspace (sign-in, invite links): the people suite covers them. */
  | { kind: 'person' };

const ATTEMPTS: Record<string, Attempt> = {
  'GET /v1/whoami': { kind: 'own-account' },
  'GET /v1/usage': { kind: 'own-account' },
  'GET /v1/ai/provider': { kind: 'own-account' },
  'PUT /v1/ai/provider': { kind: 'own-account', body: { provider: 'local' } },
  'POST /v1/ai/preview': { kind: 'own-account', body: { task: { kind: 'route', message: 'how much?', intents: [] } } },

  'GET /v1/flows': { kind: 'list', own: 'flowId' },
  'POST /v1/flows': { kind: 'own-account', body: { name: 'Mine' } },
  'GET /v1/flows/{id}': { kind: 'path-ids' },
  'PATCH /v1/flows/{id}': { kind: 'path-ids', body: (victim) => ({ name: 'Taken over', revision: victim.flowRevision }) },
  'DELETE /v1/flows/{id}': { kind: 'path-ids' },
  'POST /v1/flows/{id}/duplicate': { kind: 'path-ids' },
  'POST /v1/flows/{id}/validate': { kind: 'path-ids' },
  'POST /v1/flows/{id}/publish': { kind: 'path-ids' },
  'GET /v1/flows/{id}/versions': { kind: 'path-ids' },
  'POST /v1/flows/{id}/versions/{versionId}/restore': { kind: 'path-ids' },
  // Added by the runs branch; listed here so the sweep covers them as soon as they are merged.
  'POST /v1/flows/{id}/enable': { kind: 'path-ids' },
  'POST /v1/flows/{id}/disable': { kind: 'path-ids' },
  'GET /v1/flows/{id}/analytics': { kind: 'path-ids' },
  'POST /v1/runs/{id}/retry': { kind: 'path-ids' },

  'GET /v1/contacts': { kind: 'list', own: 'contactId' },
  'GET /v1/contacts/export.csv': { kind: 'download', own: 'contactId' },
  'GET /v1/contacts/{id}': { kind: 'path-ids' },
  'PATCH /v1/contacts/{id}': { kind: 'path-ids', body: () => ({ add_tags: ['taken'], variables: { owner: 'attacker' } }) },
  'DELETE /v1/contacts/{id}': { kind: 'path-ids' },
  'GET /v1/contacts/{id}/messages': { kind: 'path-ids' },

  // Live chat: a conversation is named by its contact's id.
  'GET /v1/conversations': { kind: 'list', own: 'contactId' },
  'GET /v1/conversations/counts': { kind: 'own-account' },
  'GET /v1/conversations/{contactId}': { kind: 'path-ids' },
  'PATCH /v1/conversations/{contactId}': { kind: 'path-ids', body: () => ({ status: 'done', assignee_user_id: null }) },
  'POST /v1/conversations/{contactId}/messages': { kind: 'path-ids', body: () => ({ text: 'taken over' }) },
  'POST /v1/conversations/{contactId}/read': { kind: 'path-ids' },
  'POST /v1/conversations/{contactId}/pause': { kind: 'path-ids', body: () => ({}) },
  'POST /v1/conversations/{contactId}/resume': { kind: 'path-ids', body: () => ({ continue_flow: true }) },
  'GET /v1/conversations/{contactId}/notes': { kind: 'path-ids' },
  'POST /v1/conversations/{contactId}/notes': { kind: 'path-ids', body: () => ({ text: 'attacker note' }) },
  // A member's own notifications (session only).
  'GET /v1/notifications': { kind: 'list', own: 'notificationId' },
  'POST /v1/notifications/{id}/read': { kind: 'path-ids' },
  'GET /v1/live-chat/settings': { kind: 'own-account' },
  'GET /v1/live-chat/assignees': { kind: 'own-account' },
  'PUT /v1/live-chat/settings': { kind: 'own-account', body: { human_agent_enabled: true } },

  'GET /v1/opt-out-settings': { kind: 'own-account' },
  'PUT /v1/opt-out-settings': { kind: 'own-account', body: { stop_keywords: ['HALT'], resubscribe_keywords: ['GO'] } },

  'GET /v1/segments': { kind: 'list', own: 'segmentId' },
  'POST /v1/segments': { kind: 'own-account', body: { name: 'Mine', filter: { tags: ['mine'] } } },
  'GET /v1/segments/{id}': { kind: 'path-ids' },
  'DELETE /v1/segments/{id}': { kind: 'path-ids' },
  'GET /v1/broadcasts': { kind: 'list', own: 'broadcastId' },
  'POST /v1/broadcasts': {
    kind: 'body-ids',
    attempts: (attacker, victim) => [
      {
        body: { name: 'x', segment_id: victim.segmentId, instagram_account_id: attacker.instagramAccountId, message: { text: 'hi' } },
        status: 404,
        code: 'segment_not_found',
      },
      {
        body: { name: 'x', segment_id: attacker.segmentId, instagram_account_id: victim.instagramAccountId, message: { text: 'hi' } },
        status: 422,
        code: 'broadcast_invalid',
      },
      {
        body: { name: 'x', segment_id: attacker.segmentId, instagram_account_id: attacker.instagramAccountId, flow_id: victim.flowId },
        status: 422,
        code: 'broadcast_invalid',
      },
    ],
  },
  'GET /v1/broadcasts/{id}': { kind: 'path-ids' },
  'POST /v1/broadcasts/{id}/pause': { kind: 'path-ids' },
  'POST /v1/broadcasts/{id}/resume': { kind: 'path-ids' },
  'POST /v1/broadcasts/{id}/cancel': { kind: 'path-ids' },

  'GET /v1/runs': { kind: 'list', own: 'runId' },
  'POST /v1/runs': {
    kind: 'body-ids',
    attempts: (attacker, victim) => [
      { body: { flow_version_id: victim.versionId, contact_id: attacker.contactId }, status: 404, code: 'flow_version_not_found' },
      { body: { flow_version_id: attacker.versionId, contact_id: victim.contactId }, status: 404, code: 'contact_not_found' },
    ],
  },
  'GET /v1/runs/{id}': { kind: 'path-ids' },
  'POST /v1/runs/{id}/cancel': { kind: 'path-ids' },

  'GET /v1/webhooks': { kind: 'list', own: 'webhookId' },
  'POST /v1/webhooks': { kind: 'own-account', body: { url: 'http://127.0.0.1:9/attacker', events: ['comment'] } },
  'GET /v1/webhooks/{id}': { kind: 'path-ids' },
  'PATCH /v1/webhooks/{id}': { kind: 'path-ids', body: () => ({ enabled: false, url: 'http://127.0.0.1:9/stolen' }) },
  'DELETE /v1/webhooks/{id}': { kind: 'path-ids' },
  'POST /v1/webhooks/{id}/rotate-secret': { kind: 'path-ids' },
  'GET /v1/webhooks/{id}/deliveries': { kind: 'path-ids' },
  'GET /v1/webhooks/{id}/deliveries/{deliveryId}': { kind: 'path-ids' },
  'POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': { kind: 'path-ids' },

  'GET /v1/instagram-accounts': { kind: 'list', own: 'instagramAccountId' },
  'POST /v1/instagram-accounts': {
    kind: 'body-ids',
    // GET /me refuses the made-up token: the same answer as for an id nobody holds, so nothing is revealed.
    attempts: (_attacker, victim) => [
      {
        body: { ig_user_id: victim.igUserId, username: 'stolen', access_token: 'IGQVJ-attacker' },
        status: 422,
        code: 'instagram_token_invalid',
      },
    ],
  },
  'POST /v1/instagram-accounts/oauth/start': { kind: 'own-account' },
  'DELETE /v1/instagram-accounts/{id}': { kind: 'path-ids' },
  'PATCH /v1/instagram-accounts/{id}': { kind: 'path-ids', body: () => ({ time_zone: 'Europe/London' }) },
  'GET /v1/instagram-accounts/{id}/media': { kind: 'path-ids' },
  'GET /v1/instagram-accounts/{id}/messenger-profile': { kind: 'path-ids' },
  'PUT /v1/instagram-accounts/{id}/messenger-profile': { kind: 'path-ids', body: () => ({ ice_breakers: [], menu: [] }) },

  'GET /v1/workspace': { kind: 'own-account' },
  'PATCH /v1/workspace': { kind: 'own-account', body: { name: 'Still mine' } },
  'GET /v1/members': { kind: 'own-account' },
  'PATCH /v1/members/{userId}': { kind: 'path-ids', body: () => ({ role: 'viewer' }) },
  'DELETE /v1/members/{userId}': { kind: 'path-ids' },
  'DELETE /v1/members/{userId}/sessions': { kind: 'path-ids' },
  'GET /v1/invites': { kind: 'own-account' },
  'POST /v1/invites': { kind: 'own-account', body: { role: 'viewer' } },
  'DELETE /v1/invites/{id}': { kind: 'path-ids' },
  'GET /v1/api-keys': { kind: 'own-account' },
  'POST /v1/api-keys': { kind: 'own-account', body: { name: 'mine' } },
  'DELETE /v1/api-keys/{id}': { kind: 'path-ids' },
  'POST /v1/auth/switch-workspace': {
    kind: 'body-ids',
    attempts: (_attacker, victim) => [{ body: { workspace_id: victim.accountId }, status: 403, code: 'no_workspace' }],
  },
  'POST /v1/auth/workspaces': { kind: 'person' },
  'GET /v1/auth/setup': { kind: 'person' },
  'POST /v1/auth/setup': { kind: 'person' },
  'POST /v1/auth/sign-in': { kind: 'person' },
  'GET /v1/auth/session': { kind: 'person' },
  'POST /v1/auth/sign-out': { kind: 'person' },
  'POST /v1/auth/sign-out-everywhere': { kind: 'person' },
  'GET /v1/auth/invites/{token}': { kind: 'person' },
  'POST /v1/auth/invites/{token}/accept': { kind: 'person' },
};

function idNameOf(operation: ApiOperation, parameter: string): IdName | undefined {
  return parameter === 'id' ? ID_OF_RESOURCE[operation.path.split('/')[2]] : ID_OF_PARAMETER[parameter];
}

describe('tenant isolation: account A never sees or changes account B', () => {
  const suite = useServerWithTenants({
    tenants: [
      { plan: 'trendsetter_pro', owner: true },
      { plan: 'trendsetter_pro', owner: true },
    ],
    env: { WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_POLL_INTERVAL_MS: '100' },
  });
  let receiver: HttpRecorder;
  let operations: ApiOperation[];
  let attacker: TenantFixture;
  let victim: TenantFixture;
  let mine: Resources;
  let theirs: Resources;
  const owners = new Map<TenantFixture, PersonSession>();

  const rest = restResources((path, key, init) => suite.api(path, key, init));
  /** The attacker's credential: its API key, or its owner's session (cookie + CSRF token). */
  type Credential = 'API key' | 'owner session';
  const CREDENTIALS: Credential[] = ['API key', 'owner session'];
  const call = (credential: Credential, tenant: TenantFixture, method: string, path: string, body?: unknown) => {
    const init = { method, ...(method === 'GET' || method === 'DELETE' ? {} : { body: JSON.stringify(body ?? {}) }) };
    if (credential === 'API key') return suite.api(path, tenant.apiKey, init);
    return (owners.get(tenant) as PersonSession).call(path, { ...init, headers: { 'content-type': 'application/json' } });
  };
  /** API keys never reach a person's settings (the roles suite checks they get 403), so only sessions try those. */
  const triedWith = (credential: Credential, operation: ApiOperation) =>
    credential === 'owner session' || operation.credentials === 'key-or-session';

  /** A record of every kind, made the way users make them; settled, so a later read sees exactly the same. */
  async function seedResources(tenant: TenantFixture): Promise<Resources> {
    const flow = await rest.createFlow(tenant.apiKey, 'Isolated', leadGenFlow());
    const version = await rest.publishFlow(tenant.apiKey, flow.id);
    // Contacts come from Instagram traffic; SQL stands in for it.
    const contactId = await seedContact(suite.stack.database.url, tenant, `contact-of-${tenant.igUserId}`);
    const runId = await rest.startRun(tenant.apiKey, version.id, contactId);
    const webhook = await rest.createWebhook(tenant.apiKey, `${receiver.url}/${tenant.accountId}`);
    await recordWebhookEvents(suite.stack.database.url, tenant.accountId, [
      { type: 'comment', orderingKey: null, payload: EXAMPLE_PAYLOADS.comment },
    ]);
    const deliveries = await waitFor(
      async () => readJson(await suite.api(`/v1/webhooks/${webhook.id}/deliveries`, tenant.apiKey)),
      (page) => page.data[0]?.status === 'succeeded',
      15_000,
      'the delivery to succeed',
    );
    await waitFor(
      async () => readJson(await suite.api(`/v1/runs/${runId}`, tenant.apiKey)),
      (run) => run.status === 'waiting' && run.current_node_id === 'ask_email',
      15_000,
      'the run to wait for its question',
    );
    const current = await readJson(await suite.api(`/v1/flows/${flow.id}`, tenant.apiKey));
    const segment = await readJson(
      await suite.api('/v1/segments', tenant.apiKey, {
        method: 'POST',
        body: JSON.stringify({ name: 'Isolated', filter: { tags: ['vip'] } }),
      }),
    );
    // Scheduled far ahead, so it stays as it is unless someone changes it.
    const broadcast = await readJson(
      await suite.api('/v1/broadcasts', tenant.apiKey, {
        method: 'POST',
        body: JSON.stringify({
          name: 'Isolated',
          segment_id: segment.id,
          instagram_account_id: tenant.instagramAccountId,
          message: { text: 'Private' },
          scheduled_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        }),
      }),
    );
    const owner = await createPerson(suite.stack.server.env, suite.stack.server.url, tenant.accountId, 'owner');
    owners.set(tenant, owner);
    const invite = await readJson(await owner.call('/v1/invites', { method: 'POST', json: { role: 'editor' } }));
    // A run of a "Notify the team" flow (for a contact of its own, so the seeded run above keeps waiting) tells the owner.
    const notifying = await rest.createFlow(tenant.apiKey, 'Tell the team', notifyTeamFlow());
    const notifyingVersion = await rest.publishFlow(tenant.apiKey, notifying.id);
    const notified = await seedContact(suite.stack.database.url, tenant, `notifies-${tenant.igUserId}`);
    await rest.startRun(tenant.apiKey, notifyingVersion.id, notified, 'notify');
    const notifications = await waitFor(
      async () => readJson(await owner.call('/v1/notifications')),
      (page) => page.data?.length === 1,
      15_000,
      'the owner to be notified',
    );
    return {
      accountId: tenant.accountId,
      flowId: flow.id,
      versionId: version.id,
      contactId,
      runId,
      webhookId: webhook.id,
      deliveryId: deliveries.data[0].id,
      instagramAccountId: tenant.instagramAccountId,
      igUserId: tenant.igUserId,
      userId: owner.userId,
      inviteId: invite.id,
      apiKeyId: tenant.apiKeyId,
      segmentId: segment.id,
      broadcastId: broadcast.id,
      notificationId: notifications.data[0].id,
      flowRevision: current.revision,
    };
  }

  /** Everything the victim can read about its records: any change made by the attacker shows here. */
  async function ownerView(owner: TenantFixture, records: Resources): Promise<Json> {
    const paths = [
      `/v1/flows/${records.flowId}`,
      `/v1/flows/${records.flowId}/versions`,
      `/v1/contacts/${records.contactId}`,
      `/v1/runs/${records.runId}`,
      `/v1/webhooks/${records.webhookId}`,
      `/v1/webhooks/${records.webhookId}/deliveries/${records.deliveryId}`,
      `/v1/segments/${records.segmentId}`,
      `/v1/broadcasts/${records.broadcastId}`,
      '/v1/opt-out-settings',
      '/v1/flows?limit=100',
      '/v1/contacts?limit=100',
      '/v1/runs?limit=100',
      '/v1/webhooks?limit=100',
      '/v1/instagram-accounts?limit=100',
    ];
    const answers = await Promise.all(paths.map(async (path) => [path, await readJson(await suite.api(path, owner.apiKey))]));
    const person = owners.get(owner) as PersonSession;
    const settings = await Promise.all(
      ['/v1/members', '/v1/invites', '/v1/api-keys', '/v1/workspace', '/v1/notifications'].map(async (path) => [
        path,
        await readJson(await person.call(path)),
      ]),
    );
    // The view itself uses the victim's key, so its last use moves on every look.
    const keys = Object.fromEntries(settings)['/v1/api-keys'] as Array<Record<string, unknown>>;
    keys.forEach((key) => delete key.last_used_at);
    return Object.fromEntries([...answers, ...settings]);
  }

  const victimIds = () => Object.values(theirs).filter((value): value is string => typeof value === 'string');
  /** The victim's ids in an answer, but for those the caller sent (a not-found message may name what was asked for). */
  const leakedIds = (body: unknown, asked = '') => victimIds().filter((id) => JSON.stringify(body).includes(id) && !asked.includes(id));

  async function expectNotFoundEnvelope(label: string, response: Response): Promise<void> {
    const body = await readJson(response);
    expect({ label, status: response.status, code: body.error?.code }).toEqual({
      label,
      status: 404,
      code: expect.stringMatching(/_not_found$/),
    });
    expect(body.error).toEqual({
      code: body.error.code,
      message: expect.any(String),
      doc_url: expect.any(String),
      request_id: response.headers.get('x-request-id'),
    });
    expect({ label, leaked: leakedIds(body, label) }).toEqual({ label, leaked: [] });
  }

  beforeAll(async () => {
    receiver = await startHttpRecorder();
    [attacker, victim] = suite.tenants;
    operations = await fetchApiOperations(suite.stack.server.url);
    mine = await seedResources(attacker);
    theirs = await seedResources(victim);
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('knows how to try every /v1 operation the OpenAPI document lists, and every id parameter and filter they take', () => {
    const unknownOperations = operations.filter((operation) => !ATTEMPTS[operation.key]).map((operation) => operation.key);
    expect(unknownOperations).toEqual([]);
    const unknownParameters = operations.flatMap((operation) =>
      (ATTEMPTS[operation.key]?.kind === 'person' ? [] : operation.pathParams)
        .filter((name) => !idNameOf(operation, name))
        .map((name) => `${operation.key} {${name}}`),
    );
    expect(unknownParameters).toEqual([]);
    const unknownFilters = operations.flatMap((operation) =>
      operation.queryParams.filter((name) => name.endsWith('_id') && !ID_OF_FILTER[name]).map((name) => `${operation.key} ?${name}`),
    );
    expect(unknownFilters).toEqual([]);
    for (const operation of operations) {
      const kind = ATTEMPTS[operation.key].kind;
      if (kind === 'person') continue;
      expect([operation.key, kind === 'path-ids']).toEqual([operation.key, operation.pathParams.length > 0]);
      if (operation.isList && operation.pathParams.length === 0) expect([operation.key, kind]).toEqual([operation.key, 'list']);
    }
  });

  it.each(CREDENTIALS)(
    "with A's %s: answers 404 in the error envelope to every operation on B's ids, and B's records stay exactly as they were",
    async (credential) => {
      const before = await ownerView(victim, theirs);
      const tried: string[] = [];
      for (const operation of operations) {
        const attempt = ATTEMPTS[operation.key];
        if (attempt?.kind !== 'path-ids' || !triedWith(credential, operation)) continue;
        const body = attempt.body?.(theirs);
        const idsFrom = (owner: Resources, parameter: string) => owner[idNameOf(operation, parameter) as IdName];
        // All of B's ids, and for nested routes also A's own parent with B's child (e.g. A's webhook, B's delivery).
        const variants = [Object.fromEntries(operation.pathParams.map((name) => [name, idsFrom(theirs, name)]))];
        if (operation.pathParams.length > 1) {
          variants.push(Object.fromEntries(operation.pathParams.map((name, index) => [name, idsFrom(index === 0 ? mine : theirs, name)])));
        }
        const paths = variants.map((values) => fillPath(operation.path, values));
        // A's own record queried with B's id in a filter (e.g. A's flow, ?version_id= B's version).
        const ownPath = fillPath(operation.path, Object.fromEntries(operation.pathParams.map((name) => [name, idsFrom(mine, name)])));
        for (const filter of operation.queryParams.filter((name) => ID_OF_FILTER[name]))
          paths.push(`${ownPath}?${filter}=${theirs[ID_OF_FILTER[filter]]}`);
        for (const path of paths) {
          await expectNotFoundEnvelope(`${operation.method} ${path}`, await call(credential, attacker, operation.method, path, body));
          expect({ after: `${operation.method} ${path}`, view: await ownerView(victim, theirs) }).toEqual({
            after: `${operation.method} ${path}`,
            view: before,
          });
          tried.push(operation.key);
        }
      }
      expect(tried.length).toBeGreaterThan(20);
    },
  );

  it.each(CREDENTIALS)("with A's %s: lists none of B's records, even when filtered by B's ids", async (credential) => {
    for (const operation of operations.filter(
      (candidate) => ATTEMPTS[candidate.key]?.kind === 'list' && triedWith(credential, candidate),
    )) {
      const attempt = ATTEMPTS[operation.key] as Extract<Attempt, { kind: 'list' }>;
      const page = await call(credential, attacker, 'GET', `${operation.path}?limit=100`);
      expect([operation.key, page.status]).toEqual([operation.key, 200]);
      const body = await readJson(page);
      expect({ list: operation.key, ids: body.data.map((item: { id: string }) => item.id) }).toEqual({
        list: operation.key,
        ids: expect.arrayContaining([mine[attempt.own]]),
      });
      expect({ list: operation.key, leaked: leakedIds(body) }).toEqual({ list: operation.key, leaked: [] });

      for (const filter of operation.queryParams.filter((name) => ID_OF_FILTER[name])) {
        const filtered = await call(credential, attacker, 'GET', `${operation.path}?${filter}=${theirs[ID_OF_FILTER[filter]]}`);
        const filteredBody = await readJson(filtered);
        expect({ list: operation.key, filter, status: filtered.status, data: filteredBody.data }).toEqual({
          list: operation.key,
          filter,
          status: 200,
          data: [],
        });
      }
    }
  });

  it.each(CREDENTIALS)("with A's %s: downloads none of B's records, even when filtered by B's ids", async (credential) => {
    const downloads = operations.filter((candidate) => ATTEMPTS[candidate.key]?.kind === 'download');
    expect(downloads.length).toBeGreaterThan(0);
    for (const operation of downloads) {
      const attempt = ATTEMPTS[operation.key] as Extract<Attempt, { kind: 'download' }>;
      const file = await call(credential, attacker, 'GET', operation.path);
      const text = await file.text();
      expect({ download: operation.key, status: file.status, own: text.includes(mine[attempt.own]) }).toEqual({
        download: operation.key,
        status: 200,
        own: true,
      });
      expect({ download: operation.key, leaked: leakedIds(text) }).toEqual({ download: operation.key, leaked: [] });
      for (const filter of operation.queryParams.filter((name) => ID_OF_FILTER[name])) {
        const filtered = await call(credential, attacker, 'GET', `${operation.path}?${filter}=${theirs[ID_OF_FILTER[filter]]}`);
        const rows = (await filtered.text()).trim().split('\n');
        expect({ download: operation.key, filter, status: filtered.status, rows: rows.length }).toEqual({
          download: operation.key,
          filter,
          status: 200,
          rows: 1, // the header only
        });
      }
    }
  });

  it.each(CREDENTIALS)("with A's %s: refuses B's ids inside request bodies", async (credential) => {
    const before = await ownerView(victim, theirs);
    for (const operation of operations.filter(
      (candidate) => ATTEMPTS[candidate.key]?.kind === 'body-ids' && triedWith(credential, candidate),
    )) {
      const attempt = ATTEMPTS[operation.key] as Extract<Attempt, { kind: 'body-ids' }>;
      for (const { body, status, code } of attempt.attempts(mine, theirs)) {
        const response = await call(credential, attacker, operation.method, operation.path, body);
        const answer = await readJson(response);
        expect({ operation: operation.key, body, status: response.status, code: answer.error?.code }).toEqual({
          operation: operation.key,
          body,
          status,
          code,
        });
      }
    }
    expect(await ownerView(victim, theirs)).toEqual(before);
  });

  it.each(CREDENTIALS)("with A's %s: answers operations about the caller's own account without a word about B", async (credential) => {
    const before = await ownerView(victim, theirs);
    for (const operation of operations.filter(
      (candidate) => ATTEMPTS[candidate.key]?.kind === 'own-account' && triedWith(credential, candidate),
    )) {
      const attempt = ATTEMPTS[operation.key] as Extract<Attempt, { kind: 'own-account' }>;
      const response = await call(credential, attacker, operation.method, operation.path, attempt.body);
      expect([operation.key, response.status]).toEqual([operation.key, operation.method === 'POST' ? 201 : 200]);
      expect({ operation: operation.key, leaked: leakedIds(await readJson(response)) }).toEqual({ operation: operation.key, leaked: [] });
    }
    expect(await ownerView(victim, theirs)).toEqual(before);
  });
});
