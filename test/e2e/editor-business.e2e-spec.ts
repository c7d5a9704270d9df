import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { leadGenFlow } from '@dmflow/shared/testing';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from '../src/browser/axe';
import { launchChromium, screenshot, watchConsole } from '../src/browser/chromium';
import { eventually } from '../src/browser/eventually';
import { commentFlow, publishFlow } from '../src/fixtures/instagram-flows';
import { createPerson, type HttpRecorder, type PersonSession, readJson, startHttpRecorder, TEST_PASSWORD, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const EDITOR_DIST = join(__dirname, '..', '..', 'editor', 'dist');
const INITIAL_JS_BUDGET = 150 * 1024;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
];

/**
 * Running the business from the editor, as a marketer would: the flow list's figures, the contacts and their
 * answers (and the CSV lead list), failed runs and their retry, webhook deliveries, and the phone preview that can
 * send the flow to a real contact. Every page passes axe-core and is photographed at two sizes.
 */
describe('contacts, runs, webhooks and the phone preview, in Chromium', () => {
  const suite = useServerWithTenants({
    tenants: [{ plan: 'trendsetter_pro', owner: true }],
    env: {
      EDITOR_DIST,
      WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOKS_RETRY_BASE_DELAY_MS: '200',
      WEBHOOKS_MAX_RETRY_DELAY_MS: '800',
      WEBHOOKS_POLL_INTERVAL_MS: '100',
    },
  });
  const { api, graph, meta, database } = suite;
  const tenant = () => suite.tenants[0];
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let owner: PersonSession;
  let receiver: HttpRecorder;

  /** Both sizes of the page as it is now, and no axe-core violation on it. */
  async function checkPage(name: string): Promise<void> {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await screenshot(page, `business-${name}-${size.width}x${size.height}`);
    }
    await page.setViewportSize(SIZES[0]);
    expect({ page: name, violations: await axeViolations(page) }).toEqual({ page: name, violations: [] });
  }

  const openNav = (label: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
  const messagesTo = async (igsid: string) =>
    (await graph.calls('/messages')).filter((call) => JSON.stringify(call.body).includes(`"${igsid}"`));
  const runsOf = async (status: string) => (await readJson(await api(`/v1/runs?status=${status}&limit=100`, tenant().apiKey))).data;

  beforeAll(async () => {
    if (!existsSync(join(EDITOR_DIST, 'index.html'))) throw new Error('Build the editor first: npm run build -w @dmflow/editor');
    receiver = await startHttpRecorder();
    await publishFlow(database.url, tenant(), 'Price comments', commentFlow('price'));
    await publishFlow(database.url, tenant(), 'Lead guide', leadGenFlow({ keyword: 'guide', delaySeconds: 1 }));
    owner = await createPerson(suite.stack.server.env, suite.stack.server.url, tenant().accountId, 'owner');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: SIZES[0] });
    consoleErrors = watchConsole(page);
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
  });

  it('signs in to a flow list whose first load stays under 150 KiB of gzipped JavaScript', async () => {
    const scripts = new Map<string, number>();
    page.on('response', (response) => {
      if (!response.url().endsWith('.js')) return;
      void response.body().then(
        (body) => scripts.set(response.url().replace(/^.*\/assets\//, ''), gzipSync(body).length),
        () => undefined,
      );
    });
    const started = Date.now();
    await page.goto(suite.stack.server.url);
    await page.getByLabel('Email').click();
    await page.keyboard.type(owner.email);
    await page.getByLabel('Password').click();
    await page.keyboard.type(TEST_PASSWORD);
    const signedIn = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Lead guide' }).waitFor();
    await page.getByRole('heading', { name: 'Start from a template' }).waitFor();
    const listShown = Date.now() - signedIn;
    await page.waitForLoadState('networkidle');
    const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
    console.log(
      `flow list: sign-in page in ${signedIn - started} ms, list with templates ${listShown} ms after Sign in; JS loaded (gzip): ${[
        ...scripts,
      ]
        .map(([name, size]) => `${name} ${(size / 1024).toFixed(1)} KiB`)
        .join(', ')}; total ${(total / 1024).toFixed(1)} KiB`,
    );
    expect([...scripts.keys()].some((name) => name.startsWith('flow-editor-page'))).toBe(false);
    expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
    await checkPage('flows-empty');
  });

  it('adds a webhook endpoint by typing its URL', async () => {
    await openNav('Webhooks');
    await page.getByLabel('Endpoint URL').click();
    await page.keyboard.type(receiver.url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByLabel('Signing secret: copy it now, it is not shown again').waitFor();
    const [endpoint] = (await readJson(await api('/v1/webhooks', tenant().apiKey))).data;
    expect(endpoint).toMatchObject({ url: new URL(receiver.url).href, events: ['question_answered', 'flow_completed'] });
  });

  it('shows 7-day runs and conversion in the flow list once people went through the flows', async () => {
    // Jane comments (so her username is known), asks for the guide by DM and answers with her email.
    await meta.comment({
      igUserId: tenant().igUserId,
      text: 'price?',
      mediaId: '18300000000000001',
      commentId: '17900000000088001',
      fromId: 'igsid-jane',
      username: 'jane.doe',
    });
    await meta.dm({ igUserId: tenant().igUserId, senderId: 'igsid-jane', text: 'guide' });
    await waitFor(
      () => messagesTo('igsid-jane'),
      (calls) => JSON.stringify(calls).includes("What's your email?"),
      30_000,
      'the question',
    );
    await meta.dm({ igUserId: tenant().igUserId, senderId: 'igsid-jane', text: 'jane@gmail.com' });
    // A completed run's last sends go out after it completes: wait for the thank-you before Instagram refuses anything.
    await waitFor(
      () => messagesTo('igsid-jane'),
      (calls) => calls.some((call) => call.status < 400 && JSON.stringify(call.body).includes('Thanks! We will write to jane@gmail.com.')),
      30_000,
      "Jane's thank-you",
    );
    // Bob's welcome message is refused by Instagram: his run fails.
    await graph.fail({ error: 'recipient_unavailable', pathContains: '/messages', count: 1 });
    await meta.dm({ igUserId: tenant().igUserId, senderId: 'igsid-bob', text: 'guide' });
    await waitFor(
      () => runsOf('failed'),
      (runs) => runs.length === 1,
      30_000,
      "Bob's run to fail",
    );

    await openNav('Flows');
    const leadRow = page.locator('tr', { has: page.getByRole('link', { name: 'Lead guide' }) });
    await eventually(async () => expect(await leadRow.innerText()).toMatch(/2 \(2 in all\)\s+50%/));
    await checkPage('flows');
  });

  it('finds a contact by typing, filters by tag and answer, shows their answers and runs, and downloads the lead list', async () => {
    await openNav('Contacts');
    await page.getByRole('table', { name: 'Contacts' }).waitFor();
    await checkPage('contacts');
    const rows = page.getByRole('table', { name: 'Contacts' }).locator('tbody tr');
    await page.getByLabel('Username').click();
    await page.keyboard.type('jane');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('@jane.doe')]));
    await page.getByRole('button', { name: 'Clear' }).click();
    await eventually(async () => expect(await rows.count()).toBe(2));
    await page.getByLabel('Tag').click();
    await page.keyboard.type('vip');
    await page.getByLabel('Answered (variable)').click();
    await page.keyboard.type('email');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await eventually(async () => expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('email: jane@gmail.com')]));

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    const [header, ...lines] = csv.trim().split('\n');
    expect(header).toBe('contact_id,username,instagram_user_id,tags,first_seen_at,last_seen_at,email');
    expect(lines).toEqual([expect.stringMatching(/,jane\.doe,igsid-jane,lead; vip,.*,jane@gmail\.com$/)]);

    await page.getByRole('link', { name: '@jane.doe' }).click();
    await page.getByRole('heading', { name: '@jane.doe' }).waitFor();
    const answers = page.getByRole('table', { name: 'Answers' });
    await eventually(async () => expect(await answers.innerText()).toContain('jane@gmail.com'));
    const runs = page.getByRole('table', { name: 'Runs' });
    await eventually(async () => expect(await runs.innerText()).toMatch(/Lead guide\s+Completed/));
    expect(await runs.innerText()).toContain('Price comments');
    await checkPage('contact');
  });

  it('lists the failed run with its reason and retries it, and the message goes out', async () => {
    await openNav('Runs');
    const row = page.locator('tbody tr').first();
    await eventually(async () =>
      expect(await row.innerText()).toMatch(/Lead guide[\s\S]*Failed[\s\S]*send_message at node welcome failed/),
    );
    await checkPage('runs');
    await row.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Retried' }).waitFor();
    await waitFor(
      () => messagesTo('igsid-bob'),
      (calls) => calls.some((call) => call.status < 400 && JSON.stringify(call.body).includes('Here is the guide')),
      30_000,
      "Bob's retried welcome",
    );
  });

  it("shows the endpoint's delivery log and redelivers an event", async () => {
    await openNav('Webhooks');
    await page.getByRole('button', { name: 'Delivery log' }).click();
    const log = page.getByRole('table', { name: /Delivery log/ });
    await eventually(async () => expect(await log.innerText()).toMatch(/Flow completed\s+Delivered/));
    await checkPage('webhooks');
    const before = receiver.requests.length;
    await log.locator('tbody tr').first().getByRole('button', { name: 'Redeliver' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent again' }).waitFor();
    await waitFor(
      () => Promise.resolve(receiver.requests.length),
      (count) => count > before,
      30_000,
      'the redelivered event',
    );
  });

  it('opens the inbox, broadcasts and AI settings pages with no axe-core violation at either size', async () => {
    const pages = [
      ['Inbox', 'inbox'],
      ['Broadcasts', 'broadcasts'],
      ['AI', 'ai-settings'],
    ] as const;
    for (const [label, name] of pages) {
      await openNav(label);
      await page.getByRole('heading', { level: 1, name: label, exact: true }).waitFor();
      await checkPage(name);
    }
  });

  it('previews the flow on a phone with a typed message and each path, then sends a test to a chosen contact', async () => {
    await openNav('Flows');
    await page.getByRole('link', { name: 'Lead guide' }).click();
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const phone = page.getByTestId('phone-preview');
    await phone.waitFor();
    const messageText = page.getByLabel('Message text');
    await messageText.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('hello there');
    await eventually(async () => expect(await phone.innerText()).toContain("has none of the trigger's keywords"));
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('can I get the guide?');
    await eventually(async () => expect(await phone.innerText()).toContain("What's your email?"));
    await page.getByLabel('Message as the contact').click();
    await page.keyboard.type('jane@gmail.com');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '⏩ Skip the wait' }).click();
    await eventually(async () => expect(await phone.innerText()).toContain('Thanks! We will write to jane@gmail.com.'));
    await checkPage('preview');

    await page.getByLabel('Find a contact').click();
    await page.keyboard.type('jane');
    await eventually(async () => expect(await page.getByLabel('Send to').innerText()).toBe('@jane.doe'));
    const sentBefore = (await messagesTo('igsid-jane')).length;
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent: @jane.doe gets the flow on Instagram now' }).waitFor();
    await waitFor(
      () => messagesTo('igsid-jane'),
      (calls) => calls.length > sentBefore && JSON.stringify(calls.slice(sentBefore)).includes('Here is the guide'),
      30_000,
      'the test send',
    );
    expect(consoleErrors).toEqual([]);
  });
});
