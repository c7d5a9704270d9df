import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commentWebhook, metaSignature } from '@dmflow/sandbox';
import { commentFlow, publishFlow } from '../src/fixtures/instagram-flows';
import {
  freePort,
  HttpRecorder,
  parsePrometheusText,
  PrometheusText,
  queryDatabase,
  readJson,
  startHttpRecorder,
  waitFor,
} from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

// What an operator sees of a running dmflow: /metrics, Bull Board, /health/live and /ready, and pino logs.

const METRICS_TOKEN = 'metrics-e2e-token-5b0d1c2f9a';
const ADMIN_TOKEN = 'admin-e2e-token-7e3a9c41d2';
const INSTAGRAM_TOKEN = 'IGQVJ-ops-secret-instagram-token';
const STRAY_BEARER = 'stray-bearer-9f8e7d6c5b4a';
const STRAY_COOKIE = 'session=cookie-secret-1a2b3c4d';

const editorDist = mkdtempSync(join(tmpdir(), 'dmflow-ops-editor-'));
writeFileSync(join(editorDist, 'index.html'), '<!doctype html><title>dmflow editor</title>');

const env: Record<string, string> = {
  METRICS_TOKEN,
  ADMIN_TOKEN,
  EDITOR_DIST: editorDist,
  WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
  WEBHOOKS_POLL_INTERVAL_MS: '100',
};

// Declared before the suite's own beforeAll, so the server starts with METRICS_PORT set.
let metricsPort = 0;
beforeAll(async () => {
  metricsPort = await freePort();
  env.METRICS_PORT = String(metricsPort);
});

describe('operations: metrics, queue board, health and logs of the running server', () => {
  const suite = useServerWithTenants({ tenants: [{ plan: 'trendsetter_pro', token: INSTAGRAM_TOKEN }], env });
  const {
    database,
    meta,
    tenants: [tenant],
  } = suite;
  let receiver: HttpRecorder;
  let webhookSecret = '';
  const signaturesSent: string[] = [];
  const url = (path: string) => `${suite.stack.server.url}${path}`;

  const scrape = async (): Promise<PrometheusText> => {
    const response = await fetch(url('/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    return parsePrometheusText(await response.text());
  };

  beforeAll(async () => {
    receiver = await startHttpRecorder();
  });

  afterAll(async () => {
    await receiver?.close();
    rmSync(editorDist, { recursive: true, force: true });
  });

  describe('/metrics', () => {
    it('refuses anonymous and wrong-token scrapes on the API port, with the error envelope (not the editor)', async () => {
      const anonymous = await fetch(url('/metrics'));
      expect(anonymous.status).toBe(401);
      expect((await readJson(anonymous)).error).toMatchObject({ code: 'operator_token_required' });

      const wrong = await fetch(url('/metrics'), { headers: { authorization: 'Bearer not-the-metrics-token' } });
      expect(wrong.status).toBe(401);
      expect((await readJson(wrong)).error).toMatchObject({ code: 'invalid_operator_token' });
    });

    it('answers Prometheus text with the token, naming every dmflow metric family', async () => {
      const response = await fetch(url('/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const metrics = parsePrometheusText(await response.text());
      expect([...metrics.families.keys()]).toEqual(
        expect.arrayContaining([
          'dmflow_http_request_duration_seconds',
          'dmflow_meta_webhooks_total',
          'dmflow_inbox_oldest_pending_age_seconds',
          'dmflow_inbox_pending_events',
          'dmflow_queue_jobs',
          'dmflow_runs_started_total',
          'dmflow_runs_completed_total',
          'dmflow_runs_failed_total',
          'dmflow_sends_total',
          'dmflow_send_limiter_waits_total',
          'dmflow_webhook_deliveries_total',
          'dmflow_webhook_delivery_duration_seconds',
          'dmflow_webhook_deliveries_backlog',
          'dmflow_instagram_token_refresh_failures_total',
          'dmflow_postgres_pool_connections',
          'dmflow_postgres_pool_waiting_requests',
          'process_cpu_seconds_total',
          'nodejs_eventloop_lag_seconds',
        ]),
      );
      expect(metrics.families.get('dmflow_http_request_duration_seconds')?.type).toBe('histogram');
      for (const queue of ['inbound', 'outbound', 'timers', 'webhooks']) {
        expect(metrics.samples).toContainEqual({
          name: 'dmflow_queue_jobs',
          labels: { queue, state: 'waiting' },
          value: expect.any(Number),
        });
      }
    });

    it('serves the same text without a token on METRICS_PORT', async () => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(response.status).toBe(200);
      expect(parsePrometheusText(await response.text()).families.has('dmflow_runs_started_total')).toBe(true);
    });

    it('moves with a comment → DM run: Meta webhook acked, run started and completed, sends, webhook delivery, inbox lag back to 0', async () => {
      const created = await fetch(url('/v1/webhooks'), {
        method: 'POST',
        headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url, events: ['flow_completed'] }),
      });
      expect(created.status).toBe(201);
      webhookSecret = (await readJson(created)).secret;
      const { flowId } = await publishFlow(database.url, tenant, 'Price comments', commentFlow('price'));
      const before = await scrape();

      const payload = JSON.stringify(
        commentWebhook({ igUserId: tenant.igUserId, text: 'price?', commentId: 'ops-comment-1', fromId: 'igsid-ops-1', username: 'jdoe' }),
      );
      signaturesSent.push(metaSignature(payload, suite.stack.server.env.META_APP_SECRET));
      expect((await meta.post(payload)).status).toBe(200);
      const forged = await fetch(url('/meta/webhook'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'ab'.repeat(32)}` },
        body: payload,
      });
      expect(forged.status).toBe(401);
      signaturesSent.push(`sha256=${'ab'.repeat(32)}`);

      await receiver.waitFor((requests) => requests.length >= 1, 30_000);
      const delta = (metrics: PrometheusText, name: string, labels: Record<string, string> = {}) =>
        metrics.value(name, labels) - before.value(name, labels);
      const after = await waitFor(
        scrape,
        (metrics) =>
          delta(metrics, 'dmflow_webhook_deliveries_total', { outcome: 'succeeded' }) >= 1 &&
          metrics.value('dmflow_inbox_pending_events') === 0,
        30_000,
        'the delivery counted and the inbox drained',
      );

      expect(delta(after, 'dmflow_meta_webhooks_total', { outcome: 'acked' })).toBe(1);
      expect(delta(after, 'dmflow_meta_webhooks_total', { outcome: 'refused', reason: 'invalid_signature' })).toBe(1);
      expect(delta(after, 'dmflow_runs_started_total', { flow_id: flowId })).toBe(1);
      expect(delta(after, 'dmflow_runs_completed_total', { flow_id: flowId })).toBe(1);
      expect(delta(after, 'dmflow_runs_failed_total', { flow_id: flowId })).toBe(0);
      expect(delta(after, 'dmflow_sends_total', { kind: 'private_reply', outcome: 'sent' })).toBe(1);
      expect(delta(after, 'dmflow_sends_total', { kind: 'comment_reply', outcome: 'sent' })).toBe(1);
      expect(delta(after, 'dmflow_webhook_delivery_duration_seconds_count', { outcome: 'succeeded' })).toBe(1);
      expect(after.value('dmflow_inbox_oldest_pending_age_seconds')).toBe(0);
      expect(after.value('dmflow_http_request_duration_seconds_count', { route: '/meta/webhook', method: 'POST', status: '200' })).toBe(1);
      // Route templates, never raw ids: no label carries the flow's uuid.
      const routes = after.samples
        .filter((sample) => sample.name === 'dmflow_http_request_duration_seconds_count')
        .map((s) => s.labels.route);
      expect(routes.every((route) => !route.includes(flowId))).toBe(true);
      expect(after.value('dmflow_postgres_pool_connections', { state: 'idle' })).toBeGreaterThan(0);

      const [run] = await queryDatabase<{ status: string }>(database.url, 'SELECT status FROM flow_runs WHERE flow_id = $1', [flowId]);
      expect(run.status).toBe('completed');
    });
  });

  describe('/admin/queues (Bull Board)', () => {
    it('refuses anonymous and wrong-token access, asking for credentials', async () => {
      const anonymous = await fetch(url('/admin/queues'));
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="dmflow admin"/);
      expect((await readJson(anonymous)).error).toMatchObject({ code: 'operator_token_required' });

      const api = await fetch(url('/admin/queues/api/queues'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(api.status).toBe(401);
      expect((await readJson(api)).error).toMatchObject({ code: 'invalid_operator_token' });
    });

    it('lists the four queues for an admin (bearer token, or basic auth from a browser)', async () => {
      const page = await fetch(url('/admin/queues'), { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('dmflow queues');

      const basic = `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`;
      const listed = await fetch(url('/admin/queues/api/queues'), { headers: { authorization: basic } });
      expect(listed.status).toBe(200);
      const { queues } = (await readJson(listed)) as { queues: Array<{ name: string }> };
      expect(queues.map((queue) => queue.name).sort()).toEqual(['inbound', 'outbound', 'timers', 'webhooks']);
    });
  });

  describe('health', () => {
    it('/health/live answers while the process runs', async () => {
      const response = await fetch(url('/health/live'));
      expect(response.status).toBe(200);
      expect(await readJson(response)).toMatchObject({ status: 'ok' });
    });

    it('/health/ready checks Postgres, Redis, migrations and the queues', async () => {
      const response = await fetch(url('/health/ready'));
      expect(response.status).toBe(200);
      expect(await readJson(response)).toMatchObject({
        status: 'ok',
        details: {
          postgres: { status: 'up' },
          redis: { status: 'up' },
          migrations: { status: 'up' },
          queues: { status: 'up' },
        },
      });
    });

    it('/health still answers as before', async () => {
      const response = await fetch(url('/health'));
      expect(await readJson(response)).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
    });

    it('the editor fallback still serves its own pages, and no longer answers operator paths', async () => {
      const page = await fetch(url('/flows/some-flow'));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('dmflow editor');
      for (const path of ['/metrics', '/admin/queues']) expect((await fetch(url(path))).headers.get('content-type')).toMatch(/json/);
    });
  });

  describe('logs', () => {
    it('are pino JSON lines, each request with its request_id, and never carry a token, key, cookie or signature', async () => {
      // Credentials in places a careless logger would print: headers of a request that fails, and of one that succeeds.
      await fetch(url('/v1/flows'), { headers: { 'x-api-key': tenant.apiKey, cookie: STRAY_COOKIE, 'X-Request-Id': 'ops-logs-1' } });
      await fetch(url('/v1/flows/not-a-uuid'), { headers: { authorization: `Bearer ${STRAY_BEARER}`, cookie: STRAY_COOKIE } });

      const lines = () =>
        suite.stack.server
          .logs()
          .split('\n')
          .filter((line) => line.trim());
      const entries = await waitFor(
        () => lines().map((line) => JSON.parse(line) as Record<string, unknown>),
        (all) => all.some((entry) => entry.request_id === 'ops-logs-1'),
        10_000,
        'the request log line of ops-logs-1',
      );
      for (const entry of entries) {
        expect(entry).toMatchObject({ level: expect.stringMatching(/^(trace|debug|info|warn|error|fatal)$/), time: expect.any(String) });
      }
      const requests = entries.filter((entry) => entry.msg === 'request');
      expect(requests.length).toBeGreaterThan(10);
      for (const entry of requests) expect(entry.request_id).toEqual(expect.any(String));
      expect(requests.find((entry) => entry.request_id === 'ops-logs-1')).toMatchObject({ method: 'GET', path: '/v1/flows', status: 200 });

      const text = suite.stack.server.logs();
      const secrets = [
        tenant.apiKey,
        INSTAGRAM_TOKEN,
        METRICS_TOKEN,
        ADMIN_TOKEN,
        STRAY_BEARER,
        STRAY_COOKIE,
        webhookSecret,
        suite.stack.server.env.META_APP_SECRET,
        ...signaturesSent,
      ];
      expect(secrets.filter((secret) => secret && text.includes(secret))).toEqual([]);
    });
  });
});
