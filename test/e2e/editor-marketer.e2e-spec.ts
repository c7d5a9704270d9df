import { FLOW_SCHEMA_VERSION } from '@dmflow/shared';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { axeViolations } from '../src/browser/axe';
import { eventually } from '../src/browser/eventually';
import { launchChromium, screenshot, watchConsole } from '../src/browser/chromium';
import {
  createPerson,
  createTenant,
  createTestDatabase,
  type PersonSession,
  TEST_PASSWORD,
  readJson,
  type ServerProcess,
  startServer,
  type TenantFixture,
  type TestDatabase,
} from '../src/harness';

const EDITOR_DIST = join(__dirname, '..', '..', 'editor', 'dist');

/**
 * A marketer builds the canonical comment-to-DM flow by hand, typing like a person (issue 17, items 1–7): list
 * fields keep what is typed, new blocks link themselves in, the private-reply warning is visible and confirmed at
 * publish, problems name their block, and every page passes axe-core.
 */
describe('the editor, as a marketer uses it', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let tenant: TenantFixture;
  /** The workspace's owner: the editor signs in as a person (the API key is for the test's own calls). */
  let owner: PersonSession;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  // Every pointer action, key press and typing run the author makes to build the flow.
  let actions = 0;

  beforeAll(async () => {
    if (!existsSync(join(EDITOR_DIST, 'index.html'))) throw new Error('Build the editor first: npm run build -w @dmflow/editor');
    database = await createTestDatabase();
    server = await startServer({ databaseUrl: database.url, env: { EDITOR_DIST } });
    tenant = await createTenant(server.env, { username: 'acme_studio', owner: true });
    owner = await createPerson(server.env, server.url, tenant.accountId, 'owner');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    consoleErrors = watchConsole(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  const inspector = () => page.getByTestId('inspector');
  const nodeOf = (type: string) => page.locator(`[data-testid="node-${type}"]`);
  const edges = () => page.locator('.react-flow__edge');

  async function click(target: Locator): Promise<void> {
    actions += 1;
    await target.click();
  }
  async function typeInto(target: Locator, text: string): Promise<void> {
    actions += 2; // focus the field, then type
    await target.click();
    await page.keyboard.type(text);
  }
  async function press(key: string): Promise<void> {
    actions += 1;
    await page.keyboard.press(key);
  }
  async function addFromPalette(label: string): Promise<void> {
    await click(page.locator('.palette').getByRole('button', { name: label, exact: true }));
  }

  async function expectNoAxeViolations(where: string): Promise<void> {
    const violations = await axeViolations(page);
    console.log(`axe-core on ${where}: ${violations.length} violations`, violations.length ? JSON.stringify(violations, null, 1) : '');
    expect(violations).toEqual([]);
  }

  /** Screenshots at 1280×800 and 1024×768, then back to 1280×800. */
  async function screenshotsAtBothSizes(name: string): Promise<void> {
    await screenshot(page, `${name}-1280`);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    await screenshot(page, `${name}-1024`);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  /** Whether any two blocks on screen cover each other. */
  async function blocksOverlap(): Promise<boolean> {
    const boxes = await page
      .locator('.react-flow__node')
      .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()));
    return boxes.some((a, i) =>
      boxes.slice(i + 1).some((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom),
    );
  }

  /** The middle of a link on screen, by its accessible name ("Question, exit Answered, to End"). */
  async function edgeMiddle(name: string): Promise<{ x: number; y: number }> {
    // Script strings: the tests compile without the DOM library.
    return page.evaluate(`(() => {
      const path = document.querySelector('.react-flow__edge[aria-label="${name}"] path.react-flow__edge-path');
      const point = path.getPointAtLength(path.getTotalLength() / 2);
      const screen = new DOMPoint(point.x, point.y).matrixTransform(path.getScreenCTM());
      return { x: screen.x, y: screen.y };
    })()`);
  }

  /**
   * Where a link's middle is once the canvas stopped moving: after fit view or a resize the viewport settles over a few
   * frames, later on a loaded machine, and a drop aimed at a point read meanwhile misses the link.
   */
  async function settledEdgeMiddle(name: string): Promise<{ x: number; y: number }> {
    const nextFrames = () => page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    let settled = { x: NaN, y: NaN };
    await eventually(async () => {
      // The same point over three reads, each two frames after the last.
      const first = await edgeMiddle(name);
      await nextFrames();
      const second = await edgeMiddle(name);
      await nextFrames();
      settled = await edgeMiddle(name);
      expect([second, settled]).toEqual([first, first]);
    });
    return settled;
  }

  it('serves the editor compressed, hashed assets immutable, index.html fresh, and no source maps', async () => {
    const index = await fetch(`${server.url}/flows`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] as string;
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const gzipped = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    await gzipped.arrayBuffer();
    const body = await asset.text();
    expect(body).not.toContain('sourceMappingURL');
    expect(readdirSync(join(EDITOR_DIST, 'assets')).filter((file) => file.endsWith('.map'))).toEqual([]);
    // The API's JSON is left alone (helmet and the API's own headers are not this middleware's business).
    const health = await fetch(`${server.url}/health`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(health.headers.get('content-encoding')).toBeNull();
    const sizes = readdirSync(join(EDITOR_DIST, 'assets')).map(
      (file) => `${file} ${readFileSync(join(EDITOR_DIST, 'assets', file)).length} B`,
    );
    console.log(`editor assets:\n${sizes.join('\n')}`);
  });

  it('builds the comment-to-DM flow by typing, sees the private-reply warning, and publishes after confirming', async () => {
    // Sign in, then the flow list: it loads without the canvas, and names the account.
    await page.goto(server.url);
    await page.getByLabel('Email').waitFor();
    await expectNoAxeViolations('the sign-in page');
    await screenshotsAtBothSizes('marketer-sign-in');
    await page.getByLabel('Email').click();
    await page.keyboard.type(owner.email);
    await page.getByLabel('Password').click();
    await page.keyboard.type(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(async () => expect(await page.getByTestId('account-name').innerText()).toBe('Test shop · Instagram @acme_studio'));
    const listLoad = await page.evaluate<{
      domContentLoadedMs: number;
      loadMs: number;
      scripts: { name: string; transferred: number; decoded: number }[];
    }>(`(() => {
      const navigation = performance.getEntriesByType('navigation')[0];
      const scripts = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.js'));
      return {
        domContentLoadedMs: Math.round(navigation.domContentLoadedEventEnd),
        loadMs: Math.round(navigation.loadEventEnd),
        scripts: scripts.map((entry) => ({ name: entry.name.split('/').pop(), transferred: entry.transferSize, decoded: entry.decodedBodySize })),
      };
    })()`);
    console.log('flow list load:', JSON.stringify(listLoad));
    expect(listLoad.scripts.map((script) => script.name).some((name) => name?.startsWith('flow-editor-page'))).toBe(false);
    await expectNoAxeViolations('the flow list');
    await screenshotsAtBothSizes('marketer-flow-list');

    actions = 0;
    await typeInto(page.getByLabel('New flow name'), 'Free guide');
    await press('Enter');
    await page.getByTestId('flow-canvas').waitFor();

    // Trigger: a comment with two keywords (one of two words) and public replies that contain commas.
    await addFromPalette('Trigger');
    await eventually(async () => expect(await nodeOf('trigger').count()).toBe(1));
    await typeInto(inspector().getByRole('textbox', { name: 'Keyword list', exact: true }), 'free guide, ebook');
    await typeInto(inspector().getByRole('textbox', { name: 'Public reply to the comment', exact: true }), 'Thanks, check your inbox!');
    await typeInto(
      inspector().getByRole('textbox', { name: 'More public replies (one is picked per comment)', exact: true }),
      'Sent, look in your DMs!',
    );
    await press('Enter');
    await typeInto(
      inspector().getByRole('textbox', { name: 'More public replies (one is picked per comment)', exact: true }),
      'Done, see your messages',
    );
    await eventually(async () =>
      expect(await inspector().getByRole('list', { name: 'Keyword list added' }).innerText()).toMatch(/free guide[\s\S]*ebook/),
    );

    // Each palette block links itself from the selected block's free exit and lands beside it.
    await addFromPalette('Send message');
    await eventually(async () => expect(await edges().count()).toBe(1));
    await typeInto(inspector().getByRole('textbox', { name: 'Text', exact: true }), 'Here is the guide: https://example.com/guide');
    await addFromPalette('Question');
    await eventually(async () => expect(await edges().count()).toBe(2));
    actions += 1;
    await inspector().getByLabel('Answer type').selectOption('email');
    await typeInto(inspector().getByRole('textbox', { name: 'Question', exact: true }), "What's your email?");
    await click(inspector().getByRole('textbox', { name: 'Save answer to variable', exact: true }));
    await press('Control+a');
    await page.keyboard.type('email');
    await addFromPalette('End');
    await eventually(async () => expect(await edges().count()).toBe(3));

    // The Exits choices name blocks, never ids; the check names the block and speaks plainly.
    await nodeOf('question').click();
    const options = await inspector().locator('select[data-port="invalid"] option').allInnerTexts();
    expect(options).toEqual(['Not connected', 'Ends the flow', 'Send message', 'End']);
    await page.getByRole('button', { name: 'Check' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('problems').innerText()).toContain('Question: the “No valid answer” exit leads nowhere'),
    );
    await page.getByTestId('problems').getByRole('button').first().click();
    const panel = page.locator('.side-panel');
    expect(await panel.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await screenshotsAtBothSizes('marketer-problems');

    // A block dropped on a link is inserted into it.
    await page.locator('.react-flow__controls-fitview').click();
    actions += 1;
    const middle = await settledEdgeMiddle('Question, exit Answered, to End');
    const pane = (await page.locator('.react-flow__pane').boundingBox()) as { x: number; y: number };
    actions += 1;
    await page
      .locator('.palette')
      .getByRole('button', { name: 'Tag', exact: true })
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: middle.x - pane.x, y: middle.y - pane.y } });
    await eventually(async () => expect(await edges().count()).toBe(4));
    expect(await page.locator('.react-flow__edge[aria-label="Question, exit Answered, to Tag"]').count()).toBe(1);
    expect(await page.locator('.react-flow__edge[aria-label="Tag, exit Next, to End"]').count()).toBe(1);
    await typeInto(inspector().getByRole('textbox', { name: 'Tags', exact: true }), 'guide lead');

    // A link dragged from an exit onto a block's body (not its small dot) connects.
    const from = await nodeOf('question').locator('.react-flow__handle[data-handleid="invalid"]').boundingBox();
    const to = await nodeOf('end').boundingBox();
    if (!from || !to) throw new Error('handle or block not visible');
    actions += 1;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    await eventually(async () => expect(await edges().count()).toBe(5));

    // The flow is complete: the private-reply rule shows at once, on the block and above the settings.
    await eventually(async () =>
      expect(await page.getByTestId('warnings').innerText()).toContain(
        'Question: Instagram allows one message after a comment until the person replies',
      ),
    );
    await eventually(async () => expect(await nodeOf('question').getAttribute('class')).toMatch(/has-warnings/));
    await page.getByRole('button', { name: 'Check' }).click();
    await eventually(async () => expect(await page.getByTestId('notice').innerText()).toContain('read 1 warning first'));
    expect(await page.getByTestId('notice').innerText()).not.toContain('ready to publish');

    // Publish asks first, listing the warning; going back publishes nothing.
    await click(page.getByRole('button', { name: 'Publish', exact: true }));
    const confirm = page.getByRole('alertdialog');
    await eventually(async () => expect(await confirm.innerText()).toContain('Instagram allows one message after a comment'));
    await expectNoAxeViolations('the editor, publish confirmation open');
    await screenshotsAtBothSizes('marketer-publish-confirm');
    await confirm.getByRole('button', { name: 'Go back and fix' }).click();
    expect((await page.getByTestId('flow-status').innerText()).trim()).toBe('Draft');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await click(page.getByRole('alertdialog').getByRole('button', { name: 'Publish anyway' }));
    await eventually(async () => expect(await page.getByTestId('notice').innerText()).toContain('Published version 1'));
    console.log(`actions to build and publish the canonical flow by hand: ${actions}`);

    // What was typed is what was saved.
    const flowId = /\/flows\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
    const saved = await readJson(await fetch(`${server.url}/v1/flows/${flowId}`, { headers: { 'x-api-key': tenant.apiKey } }));
    const config = (type: string) => saved.draft.nodes.find((node: { type: string }) => node.type === type).data.config;
    expect(config('trigger').keywords).toEqual(['free guide', 'ebook']);
    expect(config('trigger').publicReply).toBe('Thanks, check your inbox!');
    expect(config('trigger').publicReplyVariants).toEqual(['Sent, look in your DMs!', 'Done, see your messages']);
    expect(config('tag').tags).toEqual(['guide lead']);
    expect(config('question').variable).toBe('email');
    expect(saved.draft.edges).toHaveLength(5);

    // No block sits on another.
    expect(await blocksOverlap()).toBe(false);

    // Blocks reached with Tab show a focus ring.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    let focusedBlock = false;
    for (let presses = 0; presses < 60 && !focusedBlock; presses += 1) {
      await page.keyboard.press('Tab');
      focusedBlock = await page.evaluate<boolean>(`document.activeElement?.classList.contains('react-flow__node') ?? false`);
    }
    expect(focusedBlock).toBe(true);
    const ring = await page.evaluate(`(() => {
      const style = getComputedStyle(document.activeElement.querySelector('.block-node'));
      return { style: style.outlineStyle, width: style.outlineWidth };
    })()`);
    expect(ring).toEqual({ style: 'solid', width: '3px' });
    await expectNoAxeViolations('the editor');

    // Fit view shows the whole flow in the overview: titles large enough to read.
    await page.locator('.react-flow__controls-fitview').click();
    // (Below 85 % zoom the blocks switch to the overview: big titles, no details.) The title's size as drawn on
    // screen is its CSS size times the canvas zoom.
    await eventually(async () =>
      expect(
        await page.evaluate<number>(`(() => {
          const title = document.querySelector('.block-node-title');
          return parseFloat(getComputedStyle(title).fontSize) * (title.getBoundingClientRect().height / title.offsetHeight);
        })()`),
      ).toBeGreaterThanOrEqual(11),
    );
    await screenshotsAtBothSizes('marketer-overview');

    // At 1024 px the title is whole.
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await page.locator('.editor-title').evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Paused shows as Paused in the list.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await eventually(async () => expect(await page.getByTestId('flow-status').innerText()).toContain('Paused'));
    await page.getByRole('button', { name: 'Back to flows' }).click();
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: 'Free guide', exact: true }) });
    await eventually(async () => expect((await row.locator('.status').innerText()).trim()).toBe('Paused'));
    await expectNoAxeViolations('the flow list with a paused flow');
    expect(consoleErrors).toEqual([]);
  }, 240_000);

  it('lays out a flow written through the API without positions, with nothing overlapping', async () => {
    const graph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: ['trigger', 'send_message', 'question', 'tag', 'send_message', 'end'].map((type, index) => ({
        id: `n${index}`,
        type,
        position: { x: 0, y: 0 },
        data: { config: {} },
      })),
      edges: [],
    };
    const created = await readJson(
      await fetch(`${server.url}/v1/flows`, {
        method: 'POST',
        headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Written by a script', draft: graph }),
      }),
    );
    await page.goto(`${server.url}/flows/${created.id}`);
    await page.getByTestId('flow-canvas').waitFor();
    await eventually(async () => expect(await page.locator('.react-flow__node').count()).toBe(6));
    expect(await blocksOverlap()).toBe(false);
  });
});
