import { leadGenFlow } from '@dmflow/shared/testing';
import { notifyTeamFlow } from '../src/fixtures/instagram-flows';
import {
  createPerson,
  fetchApiOperations,
  fillPath,
  queryDatabase,
  readJson,
  restResources,
  seedContact,
  startHttpRecorder,
  waitFor,
  type ApiOperation,
  type HttpRecorder,
  type Json,
  type TenantFixture,
} from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';
import { EXAMPLE_PAYLOADS, recordWebhookEvents } from '../src/webhooks/producer';

// Every cursor-paginated list of the OpenAPI document, paged through while new records keep arriving.

const SEEDED = 7;
let made = 0;
/** A number no record of this suite used before, for ids that must be unique. */
const fresh = () => ++made;

interface ListFixture {
  /** Values of the list path's parameters (e.g. the flow whose versions are listed). */
  pathValues: Record<string, string>;
  /** Adds one record to the list; returns its id. */
  add(): Promise<string>;
  /** Reads the list as someone other than the tenant's API key (a member's own notifications: their session). */
  read?: (path: string) => Promise<Response>;
}

interface ListCase {
  /** Makes what the list needs (e.g. the flow whose versions are listed) and says how to add records. */
  prepare(tenant: TenantFixture): ListFixture | Promise<ListFixture>;
}

describe('cursor pagination of every list', () => {
  const suite = useServerWithTenants({
    tenants: [{ owner: true }],
    env: { WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_POLL_INTERVAL_MS: '100' },
  });
  const rest = restResources((path, key, init) => suite.api(path, key, init));
  let receiver: HttpRecorder;
  let lists: ApiOperation[];

  const deliveriesOf = async (tenant: TenantFixture, webhookId: string): Promise<Json> =>
    readJson(await suite.api(`/v1/webhooks/${webhookId}/deliveries?limit=100`, tenant.apiKey));

  // Lists that pass Meta's own paging through (its cursors, its page sizes): instagram-media.e2e-spec covers them.
  const PAGED_BY_META = ['GET /v1/instagram-accounts/{id}/media'];

  // How to make records of each list, through the public API where one exists.
  const CASES: Record<string, ListCase> = {
    'GET /v1/flows': {
      prepare: (tenant) => ({ pathValues: {}, add: async () => (await rest.createFlow(tenant.apiKey, `Flow ${fresh()}`)).id }),
    },
    'GET /v1/flows/{id}/versions': {
      prepare: async (tenant) => {
        const flow = await rest.createFlow(tenant.apiKey, 'Versioned', leadGenFlow());
        return { pathValues: { id: flow.id }, add: async () => (await rest.publishFlow(tenant.apiKey, flow.id)).id };
      },
    },
    'GET /v1/contacts': {
      // Contacts come from Instagram traffic only; SQL stands in for it.
      prepare: (tenant) => ({ pathValues: {}, add: () => seedContact(suite.stack.database.url, tenant, `paged-${fresh()}`) }),
    },
    'GET /v1/segments': {
      prepare: (tenant) => ({
        pathValues: {},
        add: async () =>
          (
            await readJson(
              await suite.api('/v1/segments', tenant.apiKey, {
                method: 'POST',
                body: JSON.stringify({ name: `S ${fresh()}`, filter: {} }),
              }),
            )
          ).id,
      }),
    },
    'GET /v1/broadcasts': {
      prepare: async (tenant) => {
        const segment = await readJson(
          await suite.api('/v1/segments', tenant.apiKey, {
            method: 'POST',
            body: JSON.stringify({ name: 'Paged', filter: { tags: ['nobody'] } }),
          }),
        );
        const body = (name: string) =>
          JSON.stringify({
            name,
            segment_id: segment.id,
            instagram_account_id: tenant.instagramAccountId,
            message: { text: name },
            scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
          });
        return {
          pathValues: {},
          add: async () =>
            (await readJson(await suite.api('/v1/broadcasts', tenant.apiKey, { method: 'POST', body: body(`B ${fresh()}`) }))).id,
        };
      },
    },
    // A member's own notifications: each run of a "Notify the team" flow adds one for the signed-in owner.
    'GET /v1/notifications': {
      prepare: async (tenant) => {
        const owner = await createPerson(suite.stack.server.env, suite.stack.server.url, tenant.accountId, 'owner');
        const flow = await rest.createFlow(tenant.apiKey, 'Paged notifications', notifyTeamFlow());
        const version = await rest.publishFlow(tenant.apiKey, flow.id);
        const notificationIds = async () =>
          (await readJson(await owner.call('/v1/notifications?limit=100'))).data.map((item: { id: string }) => item.id) as string[];
        return {
          pathValues: {},
          read: (path) => owner.call(path),
          add: async () => {
            const before = await notificationIds();
            const contactId = await seedContact(suite.stack.database.url, tenant, `notified-${fresh()}`);
            await rest.startRun(tenant.apiKey, version.id, contactId, 'notify');
            const after = await waitFor(notificationIds, (ids) => ids.length > before.length, 15_000, 'the notification');
            return after.find((id) => !before.includes(id)) as string;
          },
        };
      },
    },
    // Live chat: a paused contact has a conversation; an inbox reply adds a message; notes are added by the team.
    'GET /v1/conversations': {
      prepare: (tenant) => ({
        pathValues: {},
        add: async () => {
          const contactId = await seedContact(suite.stack.database.url, tenant, `talker-${fresh()}`);
          await suite.api(`/v1/conversations/${contactId}/pause`, tenant.apiKey, { method: 'POST', body: '{}' });
          return contactId;
        },
      }),
    },
    'GET /v1/contacts/{id}/messages': {
      prepare: async (tenant) => {
        const contactId = await seedContact(suite.stack.database.url, tenant, `thread-${fresh()}`);
        return {
          pathValues: { id: contactId },
          add: async () => {
            const text = `Reply ${fresh()}`;
            const sent = await suite.api(`/v1/conversations/${contactId}/messages`, tenant.apiKey, {
              method: 'POST',
              body: JSON.stringify({ text }),
            });
            expect(sent.status).toBe(200);
            const [row] = await queryDatabase<{ id: string }>(
              suite.stack.database.url,
              'SELECT id FROM conversation_messages WHERE contact_id = $1 AND text = $2',
              [contactId, text],
            );
            return row.id;
          },
        };
      },
    },
    'GET /v1/conversations/{contactId}/notes': {
      prepare: async (tenant) => {
        const contactId = await seedContact(suite.stack.database.url, tenant, `noted-${fresh()}`);
        return {
          pathValues: { contactId },
          add: async () => {
            const note = await suite.api(`/v1/conversations/${contactId}/notes`, tenant.apiKey, {
              method: 'POST',
              body: JSON.stringify({ text: `Note ${fresh()}` }),
            });
            return (await readJson(note)).id;
          },
        };
      },
    },
    'GET /v1/runs': {
      prepare: async (tenant) => {
        const flow = await rest.createFlow(tenant.apiKey, 'Runs', leadGenFlow());
        const version = await rest.publishFlow(tenant.apiKey, flow.id);
        return {
          pathValues: {},
          add: async () =>
            rest.startRun(tenant.apiKey, version.id, await seedContact(suite.stack.database.url, tenant, `runner-${fresh()}`)),
        };
      },
    },
    'GET /v1/webhooks': {
      prepare: (tenant) => ({
        pathValues: {},
        add: async () => (await rest.createWebhook(tenant.apiKey, `${receiver.url}/endpoint-${fresh()}`)).id,
      }),
    },
    'GET /v1/webhooks/{id}/deliveries': {
      prepare: async (tenant) => {
        const webhook = await rest.createWebhook(tenant.apiKey, `${receiver.url}/deliveries`, ['comment']);
        let recorded = 0;
        return {
          pathValues: { id: webhook.id },
          // Deliveries are made by the workers from recorded events: wait until this one exists.
          add: async () => {
            const [event] = await recordWebhookEvents(suite.stack.database.url, tenant.accountId, [
              { type: 'comment', orderingKey: null, payload: EXAMPLE_PAYLOADS.comment },
            ]);
            recorded += 1;
            const page = await waitFor(
              () => deliveriesOf(tenant, webhook.id),
              (log) => log.data.length >= recorded,
              15_000,
              'the delivery',
            );
            return page.data.find((delivery: { event_id: string }) => delivery.event_id === event.id).id;
          },
        };
      },
    },
    'GET /v1/instagram-accounts': {
      prepare: (tenant) => ({
        pathValues: {},
        add: async () => (await rest.connectInstagramAccount(tenant.apiKey, `770${fresh()}`, suite.graph)).id,
      }),
    },
  };
  const fixtures = new Map<string, ListFixture>();

  async function fixtureFor(operation: ApiOperation): Promise<ListFixture> {
    let fixture = fixtures.get(operation.key);
    if (!fixture) {
      fixture = await CASES[operation.key].prepare(tenant());
      fixtures.set(operation.key, fixture);
    }
    return fixture;
  }

  const tenant = () => suite.tenants[0];

  /** The list read with the fixture's credential: the tenant's API key unless it says otherwise. */
  const readList = (list: ListFixture, path: string) => (list.read ? list.read(path) : suite.api(path, tenant().apiKey));

  /** Every id the list holds now (the lists of one tenant share records: a runs case makes flows too). */
  async function idsNow(list: ListFixture, path: string): Promise<string[]> {
    const page = await readJson(await readList(list, `${path}?limit=100`));
    expect([path, page.has_more]).toEqual([path, false]);
    return page.data.map((item: { id: string }) => item.id);
  }

  /** A cursor that decodes but carries values no page ever produced: each string field gets an extra character. */
  function tampered(cursor: string): string {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const changed = Object.fromEntries(
      Object.entries(position).map(([name, value]) => [name, typeof value === 'string' ? `${value}x` : value]),
    );
    return Buffer.from(JSON.stringify(changed)).toString('base64url');
  }

  beforeAll(async () => {
    receiver = await startHttpRecorder();
    lists = (await fetchApiOperations(suite.stack.server.url)).filter(
      (operation) => operation.isList && !PAGED_BY_META.includes(operation.key),
    );
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('knows how to fill every list the OpenAPI document has', () => {
    expect(lists.map((operation) => operation.key).filter((key) => !CASES[key])).toEqual([]);
    expect(lists.length).toBeGreaterThanOrEqual(Object.keys(CASES).length);
  });

  it('pages through each list with small limits while records are added between pages: none skipped or repeated', async () => {
    for (const [index, operation] of lists.entries()) {
      const list = await fixtureFor(operation);
      for (let i = 0; i < SEEDED; i++) await list.add();
      const limit = 2 + (index % 2);
      const path = fillPath(operation.path, list.pathValues);
      const initial = await idsNow(list, path);
      expect([operation.key, initial.length >= SEEDED]).toEqual([operation.key, true]);
      const seen: string[] = [];
      const added: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await readList(list, `${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect([operation.key, response.status]).toEqual([operation.key, 200]);
        const page = await readJson(response);
        pages += 1;
        expect({ list: operation.key, has_more: page.has_more, next_cursor: page.next_cursor === null ? null : 'cursor' }).toEqual({
          list: operation.key,
          has_more: page.next_cursor !== null,
          next_cursor: page.has_more ? 'cursor' : null,
        });
        expect([operation.key, page.has_more ? page.data.length === limit : page.data.length <= limit]).toEqual([operation.key, true]);
        seen.push(...page.data.map((item: { id: string }) => item.id));
        cursor = page.next_cursor;
        added.push(await list.add());
      } while (cursor);

      expect({ list: operation.key, repeated: seen.filter((id, at) => seen.indexOf(id) !== at) }).toEqual({
        list: operation.key,
        repeated: [],
      });
      expect({ list: operation.key, skipped: initial.filter((id) => !seen.includes(id)) }).toEqual({ list: operation.key, skipped: [] });
      // Newest first: what arrived while paging is newer than every page already read, so it never shows up later.
      expect({ list: operation.key, late: seen.filter((id) => added.includes(id)) }).toEqual({ list: operation.key, late: [] });
      expect([operation.key, pages]).toEqual([operation.key, Math.ceil(initial.length / limit)]);
    }
  });

  it('refuses limits outside 1..100 with field details, and a tampered cursor with invalid_cursor', async () => {
    for (const operation of lists) {
      // Two more records, so that a first page of one has a next page even when this test runs alone.
      const list = await fixtureFor(operation);
      await list.add();
      await list.add();
      const path = fillPath(operation.path, list.pathValues);
      for (const limit of ['0', '101', 'many']) {
        const response = await readList(list, `${path}?limit=${limit}`);
        const body = await readJson(response);
        expect({ list: operation.key, limit, status: response.status, code: body.error.code }).toEqual({
          list: operation.key,
          limit,
          status: 400,
          code: 'validation_failed',
        });
        expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'limit' })]));
        expect(body.error.request_id).toBe(response.headers.get('x-request-id'));
      }
      const first = await readJson(await readList(list, `${path}?limit=1`));
      expect([operation.key, first.has_more]).toEqual([operation.key, true]);
      for (const cursor of ['garbage', tampered(first.next_cursor)]) {
        const response = await readList(list, `${path}?cursor=${encodeURIComponent(cursor)}`);
        const body = await readJson(response);
        expect({ list: operation.key, cursor, status: response.status, code: body.error.code }).toEqual({
          list: operation.key,
          cursor,
          status: 400,
          code: 'invalid_cursor',
        });
      }
    }
  });
});
