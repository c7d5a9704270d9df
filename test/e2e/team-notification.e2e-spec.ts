import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, text, trigger } from '../src/fixtures/instagram-flows';
import {
  createPerson,
  queryDatabase,
  readJson,
  scaled,
  selfSignedCertificate,
  startHttpRecorder,
  waitFor,
  type HttpRecorder,
  type PersonSession,
} from '../src/harness';
import { startSmtpReceiver, type SmtpReceiver } from '../src/harness/smtp-receiver';
import { useServerWithTenants } from '../src/harness/suite';

// The "Notify the team" block end to end: a signed DM starts the flow; members get an inbox notification (listed by
// /v1/notifications, to them only), an email through a real SMTP server, and the Slack-compatible hook a POST over
// HTTPS — each once, even when the hook fails first and the effect is retried.

const notifyFlow = (keyword: string, config: Record<string, unknown>): FlowGraph => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: [keyword] }),
    node('ask', 'set_variable', { variable: 'topic', operation: 'set', value: 'pricing' }),
    node('notify', 'notify_team', { message: 'New lead from {{flow.name}} asks about {{topic}}', ...config }),
    node('thanks', 'send_message', text('A teammate will answer soon.')),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'ask', 'notify', 'thanks', 'end'),
});

describe('Notify the team block: inbox, email over SMTP and a Slack-compatible webhook', () => {
  const certificate = selfSignedCertificate();
  // Filled before the server starts (this hook is declared first): the SMTP server and HTTPS hook need ports.
  const env: Record<string, string> = { FLOWS_ALLOW_PRIVATE_URLS: 'true', NODE_EXTRA_CA_CERTS: certificate.certFile };
  let smtp: SmtpReceiver;
  let slack: HttpRecorder;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    slack = await startHttpRecorder({ tls: certificate });
    env.SMTP_URL = smtp.url;
    env.SMTP_FROM = 'dmflow <alerts@shop.example>';
  });
  afterAll(async () => {
    await smtp?.close();
    await slack?.close();
  });

  const suite = useServerWithTenants({ tenants: [{ owner: true }, { owner: true }], env });
  type Member = 'owner' | 'editor' | 'viewer' | 'otherOwner';
  const members = new Map<Member, PersonSession>();
  const person = (member: Member) => members.get(member) as PersonSession;
  const people = {
    get owner() {
      return person('owner');
    },
    get editor() {
      return person('editor');
    },
    get viewer() {
      return person('viewer');
    },
    get otherOwner() {
      return person('otherOwner');
    },
  };
  let mid = 0;

  beforeAll(async () => {
    const { server } = suite.stack;
    const [tenant, other] = suite.tenants;
    for (const role of ['owner', 'editor', 'viewer'] as const)
      members.set(role, await createPerson(server.env, server.url, tenant.accountId, role));
    members.set('otherOwner', await createPerson(server.env, server.url, other.accountId, 'owner'));
  });

  const publish = async (name: string, draft: FlowGraph) => {
    const { apiKey } = suite.tenants[0];
    const created = await readJson(await suite.api('/v1/flows', apiKey, { method: 'POST', body: JSON.stringify({ name, draft }) }));
    const published = await suite.api(`/v1/flows/${created.id}/publish`, apiKey, { method: 'POST' });
    expect(published.status).toBe(201);
    return created.id as string;
  };
  const dm = async (senderId: string, message: string) => {
    mid += 1;
    const delivery = await suite.meta.dm({ igUserId: suite.tenants[0].igUserId, senderId, text: message, mid: `notify-${mid}` });
    expect(delivery.status).toBe(200);
  };
  const notificationsOf = async (person: PersonSession, query = '') => {
    const response = await person.call(`/v1/notifications${query}`);
    expect(response.status).toBe(200);
    return (await readJson(response)).data as Array<{
      id: string;
      text: string;
      contact_id: string;
      read_at: string | null;
      emailed_at: string | null;
    }>;
  };
  /** The block's effect: the run goes on at once, the effect settles on its own. */
  const notifyEffectOf = async (senderId: string) =>
    (
      await queryDatabase<{ status: string; attempts: number; last_error: string | null }>(
        suite.stack.database.url,
        `SELECT e.status, e.attempts, e.last_error FROM run_effects e JOIN flow_runs r ON r.id = e.run_id
          JOIN contacts c ON c.id = r.contact_id WHERE c.ig_user_id = $1 AND e.effect_type = 'notify_team'`,
        [senderId],
      )
    )[0];

  it('notifies owners and editors of the workspace, by inbox, email and Slack, once each though the hook failed first', async () => {
    await publish(
      'Pricing leads',
      notifyFlow('pricing', {
        recipients: 'roles',
        roles: ['owner', 'editor'],
        email: true,
        slackWebhookUrl: `${slack.url}/services/T1/B1/xyz`,
      }),
    );
    slack.respondWith((request) =>
      slack.requests.indexOf(request) === 0 ? { status: 500, body: 'internal_error' } : { status: 200, body: 'ok' },
    );

    await dm('5630000000000001', 'pricing please');

    await slack.waitFor((requests) => requests.length >= 2, scaled(60_000));
    const effect = await waitFor(
      () => notifyEffectOf('5630000000000001'),
      (current) => current?.status === 'done',
      scaled(60_000),
      'the notification effect to settle',
    );
    expect(effect.attempts).toBe(2);
    // The retry found the members already notified and emailed: the hook is the only thing called again.
    expect(slack.requests).toHaveLength(2);
    const [failed, delivered] = slack.requests;
    expect(delivered.method).toBe('POST');
    expect(delivered.path).toBe('/services/T1/B1/xyz');
    expect(delivered.headers['content-type']).toBe('application/json');
    expect(delivered.headers['idempotency-key']).toBe(failed.headers['idempotency-key']);
    expect(JSON.parse(delivered.rawBody)).toEqual({
      text: 'New lead from Pricing leads asks about pricing\n(conversation with a contact — see the live chat inbox)',
    });

    await smtp.waitFor((mails) => mails.length >= 2);
    expect(smtp.mails.map((mail) => mail.to).sort()).toEqual([[people.editor.email], [people.owner.email]].sort());
    for (const mail of smtp.mails) {
      expect(mail.from).toBe('alerts@shop.example');
      expect(mail.raw).toMatch(/^Subject: dmflow: New lead from Pricing leads asks about pricing\r?$/m);
      expect(mail.raw).toContain('asks about pricing');
    }

    const [ownerList, editorList, viewerList, otherList] = await Promise.all([
      notificationsOf(people.owner),
      notificationsOf(people.editor),
      notificationsOf(people.viewer),
      notificationsOf(people.otherOwner),
    ]);
    expect(ownerList).toEqual([
      expect.objectContaining({ text: 'New lead from Pricing leads asks about pricing', read_at: null, emailed_at: expect.any(String) }),
    ]);
    expect(editorList).toHaveLength(1);
    expect(viewerList).toEqual([]);
    expect(otherList).toEqual([]);
    // The notification links to the conversation it is about.
    const conversation = await people.owner.call(`/v1/conversations/${ownerList[0].contact_id}`);
    expect(conversation.status).toBe(200);
  });

  it('marks a member’s own notification read; nobody else’s, not even with its id', async () => {
    const [notification] = await notificationsOf(people.owner);
    const otherTenant = await people.otherOwner.call(`/v1/notifications/${notification.id}/read`, { method: 'POST' });
    expect(otherTenant.status).toBe(404);
    expect((await readJson(otherTenant)).error.code).toBe('notification_not_found');
    const sameWorkspace = await people.editor.call(`/v1/notifications/${notification.id}/read`, { method: 'POST' });
    expect(sameWorkspace.status).toBe(404);

    const read = await people.owner.call(`/v1/notifications/${notification.id}/read`, { method: 'POST' });
    expect(read.status).toBe(200);
    expect(await readJson(read)).toEqual(expect.objectContaining({ id: notification.id, read_at: expect.any(String) }));
    expect(await notificationsOf(people.owner, '?unread=true')).toEqual([]);
    expect(await notificationsOf(people.editor, '?unread=true')).toHaveLength(1);

    const notUuid = await people.owner.call('/v1/notifications/not-a-uuid/read', { method: 'POST' });
    expect(notUuid.status).toBe(400);
  });

  it('refuses API keys: notifications belong to a signed-in member', async () => {
    const response = await suite.api('/v1/notifications', suite.tenants[0].apiKey);
    expect(response.status).toBe(403);
  });

  it('refuses to publish a block with no one to notify or a plain-http hook, with the field named', async () => {
    const { apiKey } = suite.tenants[0];
    for (const [config, field] of [
      [{ recipients: 'none', email: false, slackWebhookUrl: '' }, 'recipients'],
      [{ recipients: 'all', email: true, slackWebhookUrl: 'http://hooks.example/x' }, 'slackWebhookUrl'],
    ] as const) {
      const created = await readJson(
        await suite.api('/v1/flows', apiKey, {
          method: 'POST',
          body: JSON.stringify({ name: `Bad ${field}`, draft: notifyFlow('bad', config) }),
        }),
      );
      const published = await suite.api(`/v1/flows/${created.id}/publish`, apiKey, { method: 'POST' });
      const body = await readJson(published);
      expect(published.status).toBe(422);
      expect(JSON.stringify(body.error)).toContain(field);
    }
  });
});
