import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, publishFlow, text, textQuestion, trigger } from '../src/fixtures/instagram-flows';
import {
  createPerson,
  type HttpRecorder,
  type PersonSession,
  queryDatabase,
  readJson,
  settledInboxEvent,
  startHttpRecorder,
  waitFor,
} from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';
import { verifyWithNodeSnippet } from '../src/webhooks/readme-snippets';

/** Comment "link" → private reply asking for an email (the flow's first send) → the person answers → thanks. */
const commentToDm: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'comment', keywords: ['link'] }),
    textQuestion('ask', 'Happy to send it! Which email should I use?', 'email'),
    node('thanks', 'send_message', text('Thanks, {{email}}!')),
    node('end', 'end', {}),
  ],
  edges: [
    ...chain('trigger', 'ask'),
    { id: 'ask-thanks', source: 'ask', sourceHandle: 'answered', target: 'thanks' },
    { id: 'ask-end', source: 'ask', sourceHandle: 'invalid', target: 'end' },
    ...chain('thanks', 'end'),
  ],
};

const keywordDm: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['menu'] }),
    node('menu', 'send_message', text('Here is the menu.')),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'menu', 'end'),
};

/** DM "human" → hand over to a person (until resumed) → after resuming with "continue": a welcome back. */
const handoverFlow = (assigneeUserId: string): FlowGraph => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['human'] }),
    node('handover', 'handover', { assignTo: 'person', assigneeUserId, pauseMinutes: 0, note: 'asked for a person' }),
    node('back', 'send_message', text('Automation is back on.')),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'handover', 'back', 'end'),
});

interface MessageView {
  direction: string;
  kind: string;
  text: string | null;
  tag: string | null;
  sender: { type: string; flow_id: string | null; node_id: string | null; user_id: string | null; api_key_id: string | null };
}

let sequence = 0;

describe('live chat: conversation history, replies from the inbox, taking over from automation', () => {
  // The first workspace's owner invites the editors and viewers its tests need.
  const suite = useServerWithTenants({
    tenants: [{ owner: true }, {}],
    env: { WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_POLL_INTERVAL_MS: '100' },
  });
  const {
    database,
    graph,
    meta,
    api,
    tenants: [tenant, otherTenant],
  } = suite;
  let commentFlowId: string;

  const contactIdOf = async (igsid: string) =>
    waitFor(
      () => queryDatabase<{ id: string }>(database.url, 'SELECT id FROM contacts WHERE ig_user_id = $1', [igsid]),
      (rows) => rows.length === 1,
      20_000,
      `contact ${igsid}`,
    ).then((rows) => rows[0].id);
  const thread = async (contactId: string, apiKey = tenant.apiKey): Promise<MessageView[]> => {
    const response = await api(`/v1/contacts/${contactId}/messages?limit=100`, apiKey);
    expect(response.status).toBe(200);
    return ((await readJson(response)).data as MessageView[]).reverse();
  };
  const dm = async (senderId: string, body: string): Promise<string | null> => {
    const mid = `mid-live-${++sequence}`;
    expect((await meta.dm({ igUserId: tenant.igUserId, senderId, text: body, mid })).status).toBe(200);
    return (await settledInboxEvent(database.url, `message:${mid}`)).outcome;
  };
  const sentTo = async (igsid: string) =>
    (await graph.calls('/messages')).filter((call) => (call.body as { recipient?: { id?: string } }).recipient?.id === igsid);

  beforeAll(async () => {
    commentFlowId = (await publishFlow(database.url, tenant, 'Link by comment', commentToDm)).flowId;
    await publishFlow(database.url, tenant, 'Menu by DM', keywordDm);
  });

  it('keeps the comment, the private reply, the answer and the thanks in one thread, in order, with who sent each', async () => {
    const commenter = 'igsid-live-commenter';
    await graph.setCommenter('comment-live-1', commenter);
    const delivered = await meta.comment({
      igUserId: tenant.igUserId,
      text: 'link please',
      mediaId: 'media-live',
      commentId: 'comment-live-1',
      fromId: commenter,
      username: 'ada',
    });
    expect(delivered.status).toBe(200);
    expect(await settledInboxEvent(database.url, 'comment:comment-live-1')).toMatchObject({
      status: 'processed',
      error: null,
      outcome: expect.stringMatching(/^started:/),
    });
    const contactId = await contactIdOf(commenter);
    await waitFor(
      () => thread(contactId),
      (messages) => messages.length === 2,
      20_000,
      'private reply recorded',
    );
    expect(await dm(commenter, 'ada@example.com')).toMatch(/^answered:/);
    const messages = await waitFor(
      () => thread(contactId),
      (rows) => rows.length === 4,
      20_000,
      'thanks recorded',
    );

    expect(messages.map(({ direction, kind, text }) => ({ direction, kind, text }))).toEqual([
      { direction: 'inbound', kind: 'comment', text: 'link please' },
      { direction: 'outbound', kind: 'private_reply', text: 'Happy to send it! Which email should I use?' },
      { direction: 'inbound', kind: 'message', text: 'ada@example.com' },
      { direction: 'outbound', kind: 'message', text: 'Thanks, ada@example.com!' },
    ]);
    expect(messages[0].sender.type).toBe('contact');
    expect(messages[1].sender).toMatchObject({ type: 'flow', flow_id: commentFlowId, node_id: 'ask' });
    expect(messages[3].sender).toMatchObject({ type: 'flow', flow_id: commentFlowId, node_id: 'thanks' });

    // Another workspace neither reads the thread nor learns the contact exists.
    const foreign = await api(`/v1/contacts/${contactId}/messages`, otherTenant.apiKey);
    expect(foreign.status).toBe(404);
    expect((await readJson(foreign)).error.code).toBe('contact_not_found');
  });

  it('sends a reply from the inbox once, however often the request is retried, and lists it in the thread', async () => {
    const person = 'igsid-live-reply';
    expect(await dm(person, 'hello, anyone there?')).toBe('no_trigger_matched');
    const contactId = await contactIdOf(person);
    const reply = () =>
      api(`/v1/conversations/${contactId}/messages`, tenant.apiKey, {
        method: 'POST',
        headers: { 'idempotency-key': 'reply-once-1' },
        body: JSON.stringify({ text: 'Hi! A human here.' }),
      });
    const answers = [await reply(), await reply()];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect((await readJson(answers[0])).tag).toBeNull();

    const sends = await sentTo(person);
    expect(sends).toHaveLength(1);
    expect(sends[0].body).toMatchObject({ recipient: { id: person }, message: { text: 'Hi! A human here.' } });
    expect(sends[0].body).not.toHaveProperty('tag');
    const messages = await thread(contactId);
    expect(messages.map((message) => [message.direction, message.text, message.sender.type])).toEqual([
      ['inbound', 'hello, anyone there?', 'contact'],
      ['outbound', 'Hi! A human here.', 'api'],
    ]);
    expect(messages[1].sender.api_key_id).toBe(tenant.apiKeyId);

    const conversation = await readJson(await api(`/v1/conversations/${contactId}`, tenant.apiKey));
    expect(conversation).toMatchObject({ contact_id: contactId, unread_count: 0, last_message_text: 'Hi! A human here.', status: 'open' });
  });

  it('uses HUMAN_AGENT only between 24 hours and 7 days, and only when the workspace enables it', async () => {
    const person = 'igsid-live-late';
    await dm(person, 'are you open on sunday?');
    const contactId = await contactIdOf(person);
    const lastWroteHoursAgo = (hours: number) =>
      queryDatabase(database.url, `UPDATE contacts SET last_inbound_at = now() - make_interval(hours => $2) WHERE id = $1`, [
        contactId,
        hours,
      ]);
    const reply = (body: string) =>
      api(`/v1/conversations/${contactId}/messages`, tenant.apiKey, { method: 'POST', body: JSON.stringify({ text: body }) });
    const humanAgent = (enabled: boolean) =>
      api('/v1/live-chat/settings', tenant.apiKey, { method: 'PUT', body: JSON.stringify({ human_agent_enabled: enabled }) });

    await lastWroteHoursAgo(30);
    const refused = await reply('Sorry for the wait');
    expect(refused.status).toBe(422);
    expect((await readJson(refused)).error.code).toBe('human_agent_not_enabled');

    expect((await humanAgent(true)).status).toBe(200);
    const tagged = await reply('Sorry for the wait, yes we are.');
    expect(tagged.status).toBe(200);
    expect((await readJson(tagged)).tag).toBe('HUMAN_AGENT');

    await lastWroteHoursAgo(2);
    expect((await readJson(await reply('Anything else?'))).tag).toBeNull();

    await lastWroteHoursAgo(8 * 24);
    const tooLate = await reply('Still there?');
    expect(tooLate.status).toBe(422);
    expect((await readJson(tooLate)).error.code).toBe('reply_window_closed');

    const bodies = (await sentTo(person)).map((call) => call.body as Record<string, unknown>);
    expect(bodies.map((body) => [(body.message as { text: string }).text, body.messaging_type ?? null, body.tag ?? null])).toEqual([
      ['Sorry for the wait, yes we are.', 'MESSAGE_TAG', 'HUMAN_AGENT'],
      ['Anything else?', null, null],
    ]);
    expect((await thread(contactId)).filter((message) => message.direction === 'outbound').map((message) => message.tag)).toEqual([
      'HUMAN_AGENT',
      null,
    ]);
  });

  it('while automation is paused a keyword DM starts no flow and lands in the inbox; after resuming it starts one', async () => {
    const person = 'igsid-live-paused';
    await dm(person, 'hi');
    const contactId = await contactIdOf(person);
    const paused = await api(`/v1/conversations/${contactId}/pause`, tenant.apiKey, { method: 'POST', body: '{}' });
    expect(paused.status).toBe(200);
    expect(await readJson(paused)).toMatchObject({ automation_paused: true, automation_paused_until: null });
    const list = await readJson(await api('/v1/conversations?filter=paused', tenant.apiKey));
    expect(list.data.map((row: { contact_id: string }) => row.contact_id)).toContain(contactId);

    expect(await dm(person, 'menu')).toBe('automation_paused');
    expect(await sentTo(person)).toHaveLength(0);
    expect((await thread(contactId)).map((message) => message.text)).toEqual(['hi', 'menu']);

    const resumed = await api(`/v1/conversations/${contactId}/resume`, tenant.apiKey, { method: 'POST', body: '{}' });
    expect(await readJson(resumed)).toMatchObject({ automation_paused: false });
    expect(await dm(person, 'menu')).toMatch(/^started:/);
    await waitFor(
      () => sentTo(person),
      (sends) => sends.length === 1,
      20_000,
      'the menu sent after resuming',
    );
  });

  it('lists conversations newest first with unread counts, filters and search; another workspace sees none of them', async () => {
    const list = await readJson(await api('/v1/conversations?limit=100', tenant.apiKey));
    const times = list.data.map((row: { last_message_at: string }) => row.last_message_at);
    expect(times).toEqual([...times].sort().reverse());
    expect(list.data.length).toBeGreaterThanOrEqual(4);
    // The search covers the newest messages, not only the last one (there, our reply).
    const search = await readJson(await api('/v1/conversations?q=SUNDAY', tenant.apiKey));
    expect(search.data.map((row: { last_message_text: string }) => row.last_message_text)).toHaveLength(1);
    expect(search.data[0].last_message_text).not.toMatch(/sunday/i);
    const nothing = await readJson(await api('/v1/conversations?q=%25sun_ay', tenant.apiKey));
    expect(nothing.data).toEqual([]); // % and _ are literal characters, not wildcards
    const byName = await readJson(await api('/v1/conversations?q=ada', tenant.apiKey));
    expect(byName.data).toHaveLength(1);
    const foreign = await readJson(await api('/v1/conversations', otherTenant.apiKey));
    expect(foreign.data).toEqual([]);
  });

  it('assigns to a member, to oneself and to nobody, marks done and reopens, keeps notes; viewers only read', async () => {
    const { server } = suite.stack;
    const editor = await createPerson(server.env, server.url, tenant.accountId, 'editor');
    const viewer = await createPerson(server.env, server.url, tenant.accountId, 'viewer');
    const person = 'igsid-live-assign';
    await dm(person, 'where is my order 4471?');
    await dm(person, 'hello?');
    const contactId = await contactIdOf(person);
    const patch = (who: PersonSession, json: unknown) => who.call(`/v1/conversations/${contactId}`, { method: 'PATCH', json });
    const ids = async (query: string, who: PersonSession = editor) =>
      (await readJson(await who.call(`/v1/conversations?limit=100&${query}`))).data.map((row: { contact_id: string }) => row.contact_id);

    // Everyone who reads the inbox sees who may be assigned: editors and above, not viewers.
    const assignees = await readJson(await viewer.call('/v1/live-chat/assignees'));
    expect(assignees).toContainEqual({ user_id: editor.userId, email: editor.email, role: 'editor' });
    expect(assignees.map((member: { user_id: string }) => member.user_id)).not.toContain(viewer.userId);
    const notAssignable = await patch(editor, { assignee_user_id: viewer.userId });
    expect(notAssignable.status).toBe(422);
    expect((await readJson(notAssignable)).error.code).toBe('assignee_not_member');

    // A viewer may not assign, close or note.
    expect((await patch(viewer, { assignee_user_id: viewer.userId })).status).toBe(403);
    expect((await viewer.call(`/v1/conversations/${contactId}/notes`, { method: 'POST', json: { text: 'x' } })).status).toBe(403);

    expect(await readJson(await patch(editor, { assignee_user_id: editor.userId }))).toMatchObject({
      assignee_user_id: editor.userId,
      handover_pending: false,
    });
    expect(await ids('filter=mine')).toEqual([contactId]);
    expect(await ids('filter=unassigned')).not.toContain(contactId);
    expect(await ids('filter=mine', viewer)).toEqual([]);
    expect(await ids('q=order%204471')).toEqual([contactId]); // an earlier message than the last
    expect(await readJson(await patch(editor, { assignee_user_id: null }))).toMatchObject({ assignee_user_id: null });
    expect(await ids('filter=unassigned')).toContain(contactId);

    const note = await editor.call(`/v1/conversations/${contactId}/notes`, { method: 'POST', json: { text: 'Order is late, refund?' } });
    expect(note.status).toBe(201);
    const notes = await readJson(await viewer.call(`/v1/conversations/${contactId}/notes`));
    expect(notes.data).toEqual([expect.objectContaining({ author_user_id: editor.userId, text: 'Order is late, refund?' })]);
    expect((await thread(contactId)).map((message) => message.text)).not.toContain('Order is late, refund?'); // never a message

    expect(await readJson(await patch(editor, { status: 'done' }))).toMatchObject({ status: 'done' });
    expect(await ids('filter=open')).not.toContain(contactId);
    expect(await ids('filter=done')).toContain(contactId);
    expect(await readJson(await patch(editor, { status: 'open' }))).toMatchObject({ status: 'open' });
    expect(await ids('filter=open')).toContain(contactId);
    await patch(editor, { status: 'done' });
    await dm(person, 'still waiting'); // the person writing again reopens it
    expect(await ids('filter=open')).toContain(contactId);
  });

  it('searches what people wrote (the contact, a member, the API) and the username, not what a flow sent', async () => {
    const { server } = suite.stack;
    const editor = await createPerson(server.env, server.url, tenant.accountId, 'editor');
    const person = 'igsid-live-search';
    expect(await dm(person, 'menu')).toMatch(/^started:/);
    const contactId = await contactIdOf(person);
    await waitFor(
      () => thread(contactId),
      (messages) => messages.length === 2,
      20_000,
      'the menu recorded',
    );
    expect(await dm(person, 'do you ship kumquats?')).toBe('no_trigger_matched');
    await queryDatabase(database.url, `UPDATE contacts SET username = 'fruit_fan_77' WHERE id = $1`, [contactId]);
    const byMember = await editor.call(`/v1/conversations/${contactId}/messages`, {
      method: 'POST',
      json: { text: 'Yes, kumquats ship on Tuesdays.' },
    });
    expect(byMember.status).toBe(200);
    const byApi = await api(`/v1/conversations/${contactId}/messages`, tenant.apiKey, {
      method: 'POST',
      body: JSON.stringify({ text: 'Tracking code ZX-9913' }),
    });
    expect(byApi.status).toBe(200);
    expect((await thread(contactId)).map((message) => [message.sender.type, message.text])).toEqual([
      ['contact', 'menu'],
      ['flow', 'Here is the menu.'],
      ['contact', 'do you ship kumquats?'],
      ['member', 'Yes, kumquats ship on Tuesdays.'],
      ['api', 'Tracking code ZX-9913'],
    ]);

    const ids = async (q: string) =>
      (await readJson(await api(`/v1/conversations?limit=100&q=${encodeURIComponent(q)}`, tenant.apiKey))).data.map(
        (row: { contact_id: string }) => row.contact_id,
      );
    expect(await ids('ship kumquats')).toEqual([contactId]); // the contact
    expect(await ids('on tuesdays')).toEqual([contactId]); // a member's reply
    expect(await ids('ZX-9913')).toEqual([contactId]); // sent through the API
    expect(await ids('fruit_fan')).toEqual([contactId]); // the username, read again when the member replied
    // The flow's reply is in this thread (and in the paused test's), but no search finds it.
    expect(await ids('here is the menu')).toEqual([]);

    // Erasing the contact erases what search kept of them.
    expect((await api(`/v1/contacts/${contactId}`, tenant.apiKey, { method: 'DELETE' })).status).toBe(204);
    expect(await queryDatabase(database.url, 'SELECT 1 FROM conversation_search_texts WHERE contact_id = $1', [contactId])).toEqual([]);
    expect(await ids('kumquats')).toEqual([]);
  });

  describe('the "Hand over to a human" block', () => {
    let receiver: HttpRecorder;

    beforeAll(async () => {
      receiver = await startHttpRecorder();
    });

    afterAll(async () => {
      await receiver?.close();
    });

    it('pauses automation, assigns the person, emits the signed handover_requested webhook; resuming continues the flow', async () => {
      const { server } = suite.stack;
      const editor = await createPerson(server.env, server.url, tenant.accountId, 'editor');
      const viewer = await createPerson(server.env, server.url, tenant.accountId, 'viewer');
      const created = await api('/v1/webhooks', tenant.apiKey, {
        method: 'POST',
        body: JSON.stringify({ url: receiver.url, events: ['handover_requested'] }),
      });
      expect(created.status).toBe(201);
      const endpoint = await readJson(created);
      const { flowId } = await publishFlow(database.url, tenant, 'Talk to a human', handoverFlow(editor.userId));

      const person = 'igsid-live-handover';
      expect(await dm(person, 'human please')).toMatch(/^started:/);
      const contactId = await contactIdOf(person);
      await receiver.waitFor((requests) => requests.length >= 1, 30_000);
      const [request] = receiver.requests;
      expect(request.headers['x-event-type']).toBe('handover_requested');
      expect(verifyWithNodeSnippet(request.rawBody, request.headers, endpoint.secret)).toEqual({ instantDm: true, standard: true });
      expect(JSON.parse(request.rawBody)).toMatchObject({
        flow_id: flowId,
        node_id: 'handover',
        contact_id: contactId,
        sender_id: person,
        assignee_user_id: editor.userId,
        paused_until: null,
        note: 'asked for a person',
      });

      const conversation = await readJson(await editor.call(`/v1/conversations/${contactId}`));
      expect(conversation).toMatchObject({ automation_paused: true, assignee_user_id: editor.userId, handover_pending: true });
      const mine = await readJson(await editor.call('/v1/conversations?filter=mine'));
      expect(mine.data.map((row: { contact_id: string }) => row.contact_id)).toEqual([contactId]);
      const counts = await readJson(await editor.call('/v1/conversations/counts'));
      expect(counts).toContainEqual({ assignee_user_id: editor.userId, open: 1, unread: 1 });

      // Paused: a keyword DM starts nothing; the team sees it; a viewer reads but may not reply; the editor replies.
      expect(await dm(person, 'menu')).toBe('automation_paused');
      expect((await viewer.call(`/v1/contacts/${contactId}/messages`)).status).toBe(200);
      const refused = await viewer.call(`/v1/conversations/${contactId}/messages`, { method: 'POST', json: { text: 'hi' } });
      expect(refused.status).toBe(403);
      const replied = await editor.call(`/v1/conversations/${contactId}/messages`, { method: 'POST', json: { text: 'Hi, Sam here.' } });
      expect(replied.status).toBe(200);
      const note = await editor.call(`/v1/conversations/${contactId}/notes`, { method: 'POST', json: { text: 'VIP, offer 10%' } });
      expect(note.status).toBe(201);
      const messages = await thread(contactId);
      expect(messages[messages.length - 1]).toMatchObject({ text: 'Hi, Sam here.', sender: { type: 'member', user_id: editor.userId } });

      const done = await editor.call(`/v1/conversations/${contactId}`, { method: 'PATCH', json: { status: 'done' } });
      expect(await readJson(done)).toMatchObject({ status: 'done' });
      const resumed = await editor.call(`/v1/conversations/${contactId}/resume`, { method: 'POST', json: { continue_flow: true } });
      expect(await readJson(resumed)).toMatchObject({ automation_paused: false, handover_pending: false });
      await waitFor(
        () => sentTo(person),
        (sends) => sends.some((call) => (call.body as { message: { text?: string } }).message.text === 'Automation is back on.'),
        20_000,
        'the flow continued after the hand-over',
      );
      await waitFor(
        () => queryDatabase<{ status: string }>(database.url, 'SELECT status FROM flow_runs WHERE flow_id = $1', [flowId]),
        (rows) => rows[0]?.status === 'completed',
        20_000,
        'the run completed',
      );
    });
  });
});
