import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, text, trigger } from '../src/fixtures/instagram-flows';
import { queryDatabase, quietPeriod, readJson, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const guide: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['guide'] }),
    node('send', 'send_message', text('Here is the guide')),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'send', 'end'),
};

const leave: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['leave'] }),
    node('bye', 'send_message', text('Sorry to see you go')),
    node('optOut', 'subscription', { action: 'unsubscribe' }),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'bye', 'optOut', 'end'),
};

describe('opt-out by keyword, through signed Meta webhooks', () => {
  const suite = useServerWithTenants({ tenants: [{}] });
  const {
    api,
    database,
    graph,
    meta,
    tenants: [tenant],
  } = suite;
  let flowId = '';
  let mid = 0;

  beforeAll(async () => {
    const created = await readJson(
      await api('/v1/flows', tenant.apiKey, { method: 'POST', body: JSON.stringify({ name: 'Guide', draft: guide }) }),
    );
    expect((await api(`/v1/flows/${created.id}/publish`, tenant.apiKey, { method: 'POST' })).status).toBe(201);
    flowId = created.id;
  });

  const dm = async (senderId: string, message: string) => {
    mid += 1;
    const delivery = await meta.dm({ igUserId: tenant.igUserId, senderId, text: message, mid: `opt-out-${mid}` });
    expect(delivery.status).toBe(200);
  };
  const contactOf = async (igUserId: string) =>
    (await readJson(await api(`/v1/contacts?limit=100`, tenant.apiKey))).data.find(
      (contact: { ig_user_id: string }) => contact.ig_user_id === igUserId,
    );
  const processedOutcomes = (senderId: string) =>
    queryDatabase<{ outcome: string }>(
      database.url,
      `SELECT outcome FROM inbox_events WHERE inbound->>'senderId' = $1 AND status = 'processed' ORDER BY id`,
      [senderId],
    );
  const guidesTo = async (igsid: string) =>
    (await graph.calls('/messages')).filter(
      (call) => call.body?.recipient?.id === igsid && call.body?.message?.text === 'Here is the guide',
    );
  const runsOf = async (igsid: string) =>
    queryDatabase(
      database.url,
      'SELECT r.id FROM flow_runs r JOIN contacts c ON c.id = r.contact_id WHERE r.flow_id = $1 AND c.ig_user_id = $2',
      [flowId, igsid],
    );

  it('STOP unsubscribes; nothing starts until START, which re-subscribes and may itself start a flow', async () => {
    const person = 'igsid-stopper';
    await dm(person, 'STOP');
    await waitFor(
      () => contactOf(person),
      (contact) => contact?.subscribed === false,
      20_000,
      'the contact to be unsubscribed',
    );
    expect((await contactOf(person)).unsubscribed_at).toEqual(expect.any(String));

    await dm(person, 'guide');
    await waitFor(
      () => processedOutcomes(person),
      (rows) => rows.length === 2,
      20_000,
      'the guide DM to be processed',
    );
    expect((await processedOutcomes(person)).map((row) => row.outcome)).toEqual(['unsubscribed', 'opted_out']);
    await quietPeriod(1_000);
    expect(await runsOf(person)).toEqual([]);

    await dm(person, ' start ');
    await waitFor(
      () => contactOf(person),
      (contact) => contact?.subscribed === true,
      20_000,
      'the contact to be subscribed again',
    );
    await dm(person, 'guide');
    await waitFor(
      () => guidesTo(person),
      (calls) => calls.length === 1,
      20_000,
      'the guide after re-subscribing',
    );
  });

  it('the opt-out block unsubscribes the run’s contact', async () => {
    const created = await readJson(
      await api('/v1/flows', tenant.apiKey, { method: 'POST', body: JSON.stringify({ name: 'Leave', draft: leave }) }),
    );
    const published = await api(`/v1/flows/${created.id}/publish`, tenant.apiKey, { method: 'POST' });
    expect(published.status).toBe(201);
    const person = 'igsid-leaver';
    await dm(person, 'leave');
    await waitFor(
      () => contactOf(person),
      (contact) => contact?.subscribed === false,
      20_000,
      'the block to unsubscribe the contact',
    );
    await dm(person, 'guide');
    await waitFor(
      () => processedOutcomes(person),
      (rows) => rows.length === 2,
      20_000,
      'the guide DM to be processed',
    );
    expect((await processedOutcomes(person))[1].outcome).toBe('opted_out');
  });

  it('uses the workspace’s own keywords, and the contact’s subscription is editable over /v1', async () => {
    const saved = await api('/v1/opt-out-settings', tenant.apiKey, {
      method: 'PUT',
      body: JSON.stringify({ stop_keywords: ['Arrêt', 'unsubscribe'], resubscribe_keywords: ['Reprendre'] }),
    });
    expect(saved.status).toBe(200);
    expect(await readJson(await api('/v1/opt-out-settings', tenant.apiKey))).toEqual({
      stop_keywords: ['Arrêt', 'unsubscribe'],
      resubscribe_keywords: ['Reprendre'],
    });
    const clash = await api('/v1/opt-out-settings', tenant.apiKey, {
      method: 'PUT',
      body: JSON.stringify({ stop_keywords: ['STOP'], resubscribe_keywords: ['stop'] }),
    });
    expect(clash.status).toBe(422);
    expect((await readJson(clash)).error.code).toBe('opt_out_keyword_clash');

    const person = 'igsid-arret';
    await dm(person, 'ARRÊT');
    await waitFor(
      () => contactOf(person),
      (contact) => contact?.subscribed === false,
      20_000,
      'the custom stop keyword',
    );
    const contact = await contactOf(person);
    const optedOut = await readJson(await api(`/v1/contacts?subscribed=false&limit=100`, tenant.apiKey));
    expect(optedOut.data.map((row: { id: string }) => row.id)).toContain(contact.id);

    const edited = await api(`/v1/contacts/${contact.id}`, tenant.apiKey, { method: 'PATCH', body: JSON.stringify({ subscribed: true }) });
    expect(await readJson(edited)).toMatchObject({ subscribed: true, unsubscribed_at: null });
    await dm(person, 'guide');
    await waitFor(
      () => guidesTo(person),
      (calls) => calls.length === 1,
      20_000,
      'the guide once subscribed by hand',
    );
  });
});
