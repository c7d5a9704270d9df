import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { eventually } from '../src/browser/eventually';
import { launchChromium, screenshot, watchConsole } from '../src/browser/chromium';
import { FLOW_SCHEMA_VERSION } from '@dmflow/shared';
import { leadGenFlow } from '@dmflow/shared/testing';
import { chain, node, trigger } from '../src/fixtures/instagram-flows';
import {
  apiCaller,
  createPerson,
  createTenant,
  createTestDatabase,
  readJson,
  seedContact,
  ServerProcess,
  startServer,
  TenantFixture,
  TEST_PASSWORD,
  TestDatabase,
  type PersonSession,
  waitFor,
} from '../src/harness';

const EDITOR_DIST = join(__dirname, '..', '..', 'editor', 'dist');

describe('the editor in Chromium', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let tenant: TenantFixture;
  /** The workspace's owner: the editor signs in as a person (the API key is for the test's own calls). */
  let owner: PersonSession;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    if (!existsSync(join(EDITOR_DIST, 'index.html'))) throw new Error('Build the editor first: npm run build -w @dmflow/editor');
    database = await createTestDatabase();
    server = await startServer({ databaseUrl: database.url, env: { EDITOR_DIST } });
    tenant = await createTenant(server.env, { owner: true });
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

  async function nodeId(type: string): Promise<string> {
    return (await nodeOf(type).getAttribute('data-node-id')) as string;
  }

  async function dragBetween(from: Locator, to: Locator): Promise<void> {
    const start = await from.boundingBox();
    const end = await to.boundingBox();
    if (!start || !end) throw new Error('handle not visible');
    await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await page.mouse.down();
    await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
    await page.mouse.up();
  }

  /** Fit view shows the overview when the flow is wide (big titles only): zoom in to read the blocks' details. */
  async function zoomInToDetails(): Promise<void> {
    for (let step = 0; step < 6 && (await page.locator('.block-node.is-overview').count()) > 0; step += 1)
      await page.locator('.react-flow__controls-zoomin').click();
  }

  it('builds, checks, publishes, reloads and previews a lead flow', async () => {
    await page.goto(server.url);
    await page.getByLabel('Email').click();
    await page.keyboard.type(owner.email);
    await page.getByLabel('Password').click();
    await page.keyboard.type(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('New flow name').fill('Free guide');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.getByTestId('flow-canvas').waitFor();

    // Palette: trigger, message, question, end, each added beside the previous one and linked from its first free exit.
    for (const label of ['Trigger', 'Send message', 'Question', 'End']) {
      await page.locator('.palette').getByRole('button', { name: label, exact: true }).click();
    }
    for (const type of ['trigger', 'send_message', 'question', 'end'])
      await eventually(async () => expect(await nodeOf(type).count()).toBe(1));

    await page.locator('.react-flow__controls-fitview').click();

    // Trigger: a DM keyword.
    await nodeOf('trigger').click();
    await inspector().getByLabel('Starts when').selectOption('dm_keyword');
    await inspector().getByLabel('Keyword list').fill('guide');

    await eventually(async () => expect(await page.locator('.react-flow__edge').count()).toBe(3));
    // Dragging between handles on the canvas moves the trigger's link (still one link per exit).
    await dragBetween(
      nodeOf('trigger').locator('.react-flow__handle.source'),
      nodeOf('send_message').locator('.react-flow__handle.target'),
    );
    await eventually(async () => expect(await page.locator('.react-flow__edge').count()).toBe(3));

    // Message: clear the text, and the check shows the field error inline with the node highlighted.
    await nodeOf('send_message').click();
    await inspector().getByLabel('Text', { exact: true }).fill('');
    await inspector()
      .locator('select[data-port="next"]')
      .selectOption(await nodeId('question'));
    await page.getByRole('button', { name: 'Check' }).click();
    await eventually(async () => expect(await inspector().locator('.field-problems').first().innerText()).toContain('text'));
    await eventually(async () => expect(await nodeOf('send_message').getAttribute('class')).toMatch(/has-problems/));
    await inspector().getByLabel('Text', { exact: true }).fill('Hi {{contact.username}}! Here is the guide.');
    await eventually(async () => expect(await nodeOf('send_message').getAttribute('class')).not.toMatch(/has-problems/));

    // Question: an email saved to {{email}}; the question's exits are still unconnected.
    await nodeOf('question').click();
    await inspector().getByLabel('Answer type').selectOption('email');
    await inspector().getByLabel('Question', { exact: true }).fill("What's your email?");
    await inspector().getByLabel('Save answer to variable').fill('email');
    await eventually(async () => expect(await page.getByTestId('problems').first().innerText()).toContain('exit leads nowhere'));
    await eventually(async () => expect(await nodeOf('question').getAttribute('class')).toMatch(/has-problems/));
    await screenshot(page, 'editor-validation');
    await inspector()
      .locator('select[data-port="answered"]')
      .selectOption(await nodeId('end'));
    await inspector().locator('select[data-port="invalid"]').selectOption('$end');
    await eventually(async () => expect(await page.getByRole('status').filter({ hasText: 'No problems found' }).isVisible()).toBe(true));
    await zoomInToDetails();
    await eventually(async () => expect(await nodeOf('question').first().innerText()).toContain('email answer → {{email}}'));

    await page.getByRole('button', { name: 'Tidy up' }).click();
    await page.getByRole('button', { name: 'Publish' }).click();
    await eventually(async () => expect(await page.getByTestId('notice').first().innerText()).toContain('Published version 1'));
    await eventually(async () => expect((await page.getByTestId('flow-status').innerText()).trim()).toBe('Published'));
    await eventually(async () => expect((await page.getByTestId('save-state').innerText()).trim()).toBe('All changes saved'));
    await screenshot(page, 'editor-canvas');

    // Reload: the flow comes back intact from the server.
    await page.reload();
    await page.getByTestId('flow-canvas').waitFor();
    await eventually(async () => expect(await page.locator('.react-flow__edge').count()).toBe(3));
    await zoomInToDetails();
    await eventually(async () =>
      expect(await nodeOf('send_message').first().innerText()).toContain('Hi {{contact.username}}! Here is the guide.'),
    );
    await eventually(async () => expect(await nodeOf('question').first().innerText()).toContain("What's your email?"));
    await eventually(async () => expect((await page.getByTestId('flow-status').innerText()).trim()).toBe('Published'));

    // The simulator runs the compiled machine: the question rejects a bad email, then the flow completes.
    await page.getByRole('button', { name: 'Preview' }).click();
    const simulator = page.getByTestId('simulator');
    await eventually(async () =>
      expect((await simulator.locator('.chat-bot').first().innerText()).trim()).toBe('Hi preview_user! Here is the guide.'),
    );
    await eventually(async () => expect((await simulator.locator('.chat-bot').nth(1).innerText()).trim()).toBe("What's your email?"));
    await eventually(async () => expect(await nodeOf('question').getAttribute('class')).toMatch(/is-active/));
    await simulator.getByLabel('Message as the contact').fill('not an email');
    await simulator.getByRole('button', { name: 'Send', exact: true }).click();
    await eventually(async () =>
      expect(await simulator.locator('.chat-bot').nth(2).first().innerText()).toContain("Sorry, I didn't get that"),
    );
    await simulator.getByLabel('Message as the contact').fill('ann@example.com');
    await simulator.getByRole('button', { name: 'Send', exact: true }).click();
    await eventually(async () => expect(await simulator.first().innerText()).toContain('Flow completed.'));
    await eventually(async () => expect(await simulator.first().innerText()).toContain('Webhook event question_answered'));
    await screenshot(page, 'editor-simulator');

    // Version history: an edit saved to the draft, then version 1 restored over it.
    await simulator.getByRole('button', { name: 'Close preview' }).click();
    await nodeOf('send_message').click();
    await inspector().getByLabel('Text', { exact: true }).fill('A new text');
    await page.keyboard.press('Control+s');
    await eventually(async () => expect((await page.getByTestId('flow-status').innerText()).trim()).toBe('Published · changes not live'));
    // Saved before restoring: with unsaved changes the editor asks first (a dialog the test would dismiss), and on a
    // loaded machine the text field's last edit can reach the draft after the status line already changed.
    await eventually(async () => expect((await page.getByTestId('save-state').innerText()).trim()).toBe('All changes saved'));
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByTestId('versions').getByRole('button', { name: 'Restore' }).click();
    await eventually(async () => expect(await nodeOf('send_message').first().innerText()).toContain('Here is the guide.'));
    await eventually(async () => expect((await page.getByTestId('flow-status').innerText()).trim()).toBe('Published'));
    expect((await page.getByTestId('save-state').innerText()).trim()).toBe('All changes saved');

    const flows = await readJson(await fetch(`${server.url}/v1/flows`, { headers: { 'x-api-key': tenant.apiKey } }));
    expect(flows.data).toEqual([expect.objectContaining({ name: 'Free guide', status: 'published', trigger_summary: 'DM: "guide"' })]);
    expect(consoleErrors).toEqual([]);
  });
  it('edits the canvas with multi-select, copy/paste, undo/redo and delete, and manages flows from the list', async () => {
    const created = await readJson(
      await fetch(`${server.url}/v1/flows`, {
        method: 'POST',
        headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Lead magnet', draft: leadGenFlow() }),
      }),
    );
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name: 'dmflow_session', value: owner.cookie.split('=')[1], url: server.url }]);
    const listPage = await context.newPage();
    const errors = watchConsole(listPage);
    listPage.on('dialog', (dialog) => void (dialog.message().startsWith('Delete') ? dialog.accept() : dialog.dismiss()));

    await listPage.goto(server.url);
    const row = (name: string) => listPage.locator('tbody tr', { has: listPage.getByRole('link', { name, exact: true }) });
    await eventually(async () => expect(await row('Lead magnet').count()).toBe(1));
    await row('Lead magnet').getByRole('button', { name: 'Rename' }).click();
    await listPage.getByLabel('Flow name', { exact: true }).fill('Lead magnet v2');
    await listPage.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => expect(await row('Lead magnet v2').count()).toBe(1));
    await row('Lead magnet v2').getByRole('button', { name: 'Duplicate' }).click();
    await eventually(async () => expect(await row('Lead magnet v2 (copy)').count()).toBe(1));
    await row('Lead magnet v2 (copy)').getByRole('button', { name: 'Delete' }).click();
    await eventually(async () => expect(await row('Lead magnet v2 (copy)').count()).toBe(0));
    await screenshot(listPage, 'editor-list');

    await row('Lead magnet v2').getByRole('link').click();
    await listPage.getByTestId('flow-canvas').waitFor();
    const nodes = listPage.locator('.react-flow__node');
    const total = leadGenFlow().nodes.length;
    await eventually(async () => expect(await nodes.count()).toBe(total));
    const messages = listPage.locator('[data-testid="node-send_message"]');
    await messages.nth(0).click();
    await messages.nth(1).click({ modifiers: ['Shift'] });
    await eventually(async () => expect(await listPage.locator('.block-node.is-selected').count()).toBe(2));

    await listPage.keyboard.press('Control+c');
    await listPage.keyboard.press('Control+v');
    await eventually(async () => expect(await nodes.count()).toBe(total + 2));
    expect((await listPage.getByTestId('save-state').innerText()).trim()).toBe('Unsaved changes');
    await listPage.keyboard.press('Control+z');
    await eventually(async () => expect(await nodes.count()).toBe(total));
    await listPage.keyboard.press('Control+Shift+z');
    await eventually(async () => expect(await nodes.count()).toBe(total + 2));
    await listPage.locator('.react-flow__pane').focus();
    await listPage.keyboard.press('Delete');
    await eventually(async () => expect(await nodes.count()).toBe(total));

    // Drag a block from the palette onto the canvas, then take it back.
    await listPage
      .locator('.palette')
      .getByRole('button', { name: 'Delay', exact: true })
      .dragTo(listPage.locator('.react-flow__pane'), { targetPosition: { x: 120, y: 120 } });
    await eventually(async () => expect(await nodes.count()).toBe(total + 1));
    expect(await listPage.locator('.block-node.is-selected').getAttribute('data-testid')).toBe('node-delay');
    await listPage.keyboard.press('Control+z');
    await eventually(async () => expect(await nodes.count()).toBe(total));

    // Leaving with unsaved changes asks first (the dialog is dismissed: we stay).
    await listPage.getByRole('button', { name: 'Back to flows' }).click();
    expect(await listPage.getByTestId('flow-canvas').isVisible()).toBe(true);
    await listPage.keyboard.press('Control+s');
    await eventually(async () => expect((await listPage.getByTestId('save-state').innerText()).trim()).toBe('All changes saved'));

    const saved = await readJson(await fetch(`${server.url}/v1/flows/${created.id}`, { headers: { 'x-api-key': tenant.apiKey } }));
    expect(saved.name).toBe('Lead magnet v2');
    expect(saved.draft.nodes).toHaveLength(total);
    expect(saved.revision).toBe(3);

    // Someone else saves meanwhile: this editor's next save is refused, not merged over theirs.
    await fetch(`${server.url}/v1/flows/${created.id}`, {
      method: 'PATCH',
      headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Renamed elsewhere', revision: 3 }),
    });
    await messages.nth(0).click();
    await listPage.getByRole('button', { name: 'Delete block' }).click();
    await eventually(async () => expect(await nodes.count()).toBe(total - 1));
    await listPage.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => expect(await listPage.getByTestId('notice').innerText()).toContain('Someone else saved this flow'));
    const untouched = await readJson(await fetch(`${server.url}/v1/flows/${created.id}`, { headers: { 'x-api-key': tenant.apiKey } }));
    expect(untouched).toMatchObject({ name: 'Renamed elsewhere', revision: 4 });
    expect(untouched.draft.nodes).toHaveLength(total);
    // The refused save is the only thing Chromium reports: it logs every 4xx response itself.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
    await context.close();
  });

  it("shows the live version's figures on the blocks and pauses the flow", async () => {
    const api = apiCaller(() => server.url);
    const graph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        trigger({ source: 'dm_keyword', keywords: ['vip'] }),
        node('tag', 'tag', { action: 'add', tags: ['vip'] }),
        node('end', 'end', {}),
      ],
      edges: chain('trigger', 'tag', 'end'),
    };
    const created = await readJson(
      await api('/v1/flows', tenant.apiKey, { method: 'POST', body: JSON.stringify({ name: 'VIP tagger', draft: graph }) }),
    );
    const version = await readJson(await api(`/v1/flows/${created.id}/publish`, tenant.apiKey, { method: 'POST', body: '{}' }));
    const runIds: string[] = [];
    for (const igUserId of ['1300000000000001', '1300000000000002', '1300000000000003']) {
      const contactId = await seedContact(database.url, tenant, igUserId);
      const started = await readJson(
        await api('/v1/runs', tenant.apiKey, {
          method: 'POST',
          body: JSON.stringify({ flow_version_id: version.id, contact_id: contactId, text: 'vip' }),
        }),
      );
      runIds.push(started.run_id);
    }
    for (const runId of runIds)
      await waitFor(
        async () => readJson(await api(`/v1/runs/${runId}`, tenant.apiKey)),
        (run) => run.status === 'completed',
        15_000,
        'the run to complete',
      );

    await page.goto(`${server.url}/flows/${created.id}`);
    await page.getByTestId('flow-canvas').waitFor();
    await page.getByRole('button', { name: 'Stats', exact: true }).click();
    await eventually(async () => expect(await page.getByTestId('runs-entered').innerText()).toBe('3'));
    expect(await page.getByTestId('runs-completed').innerText()).toBe('3');
    expect(await page.getByTestId('conversion').innerText()).toBe('100%');
    await eventually(async () =>
      expect((await page.locator('[data-testid="node-tag"] [data-testid="node-stats"]').innerText()).trim()).toBe('3 in · 3 out'),
    );
    await screenshot(page, 'editor-stats');
    // Closing the panel takes the figures off the blocks.
    await page.getByRole('button', { name: 'Stats', exact: true }).click();
    await eventually(async () => expect(await page.locator('[data-testid="node-stats"]').count()).toBe(0));

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await eventually(async () => expect(await page.getByTestId('flow-status').innerText()).toContain('Paused'));
    expect((await readJson(await api(`/v1/flows/${created.id}`, tenant.apiKey))).enabled).toBe(false);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await eventually(async () => expect(await page.getByTestId('flow-status').innerText()).not.toContain('Paused'));
    expect((await readJson(await api(`/v1/flows/${created.id}`, tenant.apiKey))).enabled).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
