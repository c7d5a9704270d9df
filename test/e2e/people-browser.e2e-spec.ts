import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, watchConsole } from '../src/browser/chromium';
import { eventually } from '../src/browser/eventually';
import { queryDatabase, readJson } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

// Issue 16's acceptance, in Chromium from an empty database: the owner is created and signs in, builds and
// publishes a flow, invites an editor who signs in, edits a flow and is refused the API-key and members pages;
// then the owner ends the editor's session. Everything is typed with the keyboard.

const EDITOR_DIST = join(__dirname, '..', '..', 'editor', 'dist');
const OWNER = { email: 'owner@shop.example', password: 'owner password 1234' };
const EDITOR = { email: 'editor@shop.example', password: 'editor password 1234' };

describe('people in the editor (Chromium): owner set-up → sign-in → publish → invite an editor → revoke', () => {
  const suite = useServerWithTenants({ tenants: [], env: { EDITOR_DIST } });
  let browser: Browser;
  let ownerContext: BrowserContext;
  let editorContext: BrowserContext;
  let owner: Page;
  let editor: Page;
  const consoleErrors: string[] = [];
  let inviteLink = '';

  beforeAll(async () => {
    if (!existsSync(join(EDITOR_DIST, 'index.html'))) throw new Error('Build the editor first: npm run build -w @dmflow/editor');
    browser = await launchChromium();
    ownerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    owner = await ownerContext.newPage();
    consoleErrors.push(...watchConsole(owner));
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function typeInto(page: Page, label: string, text: string): Promise<void> {
    await page.getByLabel(label, { exact: true }).click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(text);
  }

  async function signInAs(page: Page, person: { email: string; password: string }): Promise<void> {
    await page.getByRole('heading', { name: 'Sign in to dmflow' }).waitFor();
    await typeInto(page, 'Email', person.email);
    await typeInto(page, 'Password', person.password);
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await page.getByTestId('signed-in-as').innerText()).toBe(person.email), 20_000);
  }

  /** Connect Instagram from the editor: the sandbox's authorize page plays Instagram's, then back on the Connect page. */
  async function connectInstagramThroughSandboxOauth(page: Page): Promise<void> {
    const business = await suite.graph.registerInstagramUser({ username: 'sunny.shop' });
    await page.getByRole('link', { name: 'Instagram accounts' }).click();
    await page.getByRole('button', { name: 'Connect Instagram' }).click();
    await page
      .waitForURL((url) => url.toString().startsWith(suite.stack.sandbox.authorizeUrl))
      .catch(async (error: Error) => {
        // Say where the browser stayed and what the page said (an alert with the server's answer), not only that it timed out.
        const alerts = await page
          .getByRole('alert')
          .allInnerTexts()
          .catch(() => []);
        throw new Error(`${error.message}; the page stayed at ${page.url()}; alerts: ${JSON.stringify(alerts)}`);
      });
    await page.getByLabel('Test business').selectOption(business.user_id);
    await page.getByRole('button', { name: 'Log in as test business' }).click();
    await page.waitForURL((url) => url.pathname === '/connect' && url.searchParams.get('instagram') === 'connected');
    await page.locator('.instagram-account', { hasText: '@sunny.shop' }).waitFor();
    await page.getByRole('link', { name: 'Flows' }).click();
  }

  it('creates the owner account on an empty database, then signs out and in again', async () => {
    await owner.goto(suite.stack.server.url);
    await owner.getByRole('heading', { name: 'Create the owner account' }).waitFor();
    await typeInto(owner, 'Workspace name', 'Sunny Shop');
    await typeInto(owner, 'Email', OWNER.email);
    await typeInto(owner, 'Password', OWNER.password);
    await owner.getByRole('button', { name: 'Create owner account' }).click();
    await eventually(async () => expect(await owner.getByTestId('signed-in-as').innerText()).toBe(OWNER.email), 20_000);
    expect(await owner.getByLabel('Workspace').inputValue()).toEqual(expect.any(String));
    const cookies = await ownerContext.cookies();
    expect(cookies.find((cookie) => cookie.name === 'dmflow_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await owner.evaluate('document.cookie')).toBe('');
    expect(await owner.evaluate('localStorage.length + sessionStorage.length')).toBe(0);

    await owner.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signInAs(owner, OWNER);
    await screenshot(owner, 'people-owner-signed-in');
  });

  it('connects Instagram through the sandbox OAuth', async () => {
    await connectInstagramThroughSandboxOauth(owner);
  });

  it('builds and publishes a flow', async () => {
    await typeInto(owner, 'New flow name', 'Welcome');
    await owner.keyboard.press('Enter');
    await owner.getByTestId('flow-canvas').waitFor();
    for (const label of ['Trigger', 'Send message'])
      await owner.locator('.palette').getByRole('button', { name: label, exact: true }).click();
    const nodeOf = (type: string) => owner.locator(`[data-testid="node-${type}"]`);
    await eventually(async () => expect(await nodeOf('send_message').count()).toBe(1));
    const inspector = owner.getByTestId('inspector');

    await nodeOf('trigger').click();
    await inspector.getByLabel('Starts when').selectOption('dm_keyword');
    await inspector.getByLabel('Keyword list').click();
    await owner.keyboard.type('hello');
    await inspector.locator('select[data-port="next"]').selectOption((await nodeOf('send_message').getAttribute('data-node-id')) as string);

    await nodeOf('send_message').click();
    await inspector.getByLabel('Text', { exact: true }).click();
    await owner.keyboard.press('Control+a');
    await owner.keyboard.type('Hi! Thanks for writing.');
    await inspector.locator('select[data-port="next"]').selectOption('$end');

    await owner.getByRole('button', { name: 'Publish' }).click();
    await eventually(async () => expect(await owner.getByTestId('notice').first().innerText()).toContain('Published version 1'), 20_000);
    await eventually(async () => expect((await owner.getByTestId('save-state').innerText()).trim()).toBe('All changes saved'));
  });

  it('invites a second person as editor with a one-time link', async () => {
    await owner.getByRole('button', { name: 'Back to flows' }).click();
    await owner.getByRole('link', { name: 'Members' }).click();
    await owner.getByRole('heading', { name: 'Members' }).waitFor();
    await owner.getByLabel('Role', { exact: true }).selectOption('editor');
    await owner.getByRole('button', { name: 'Create invite link' }).click();
    const link = owner.getByLabel(/^Invite link/);
    await link.waitFor();
    inviteLink = await link.inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${suite.stack.server.url}/invite/[A-Za-z0-9_-]+$`));
  });

  it('lets the editor join, sign in, edit a flow, and refuses them the API-key and members pages', async () => {
    editorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    editor = await editorContext.newPage();
    consoleErrors.push(...watchConsole(editor));
    await editor.goto(inviteLink);
    await editor.getByRole('heading', { name: 'Join Sunny Shop' }).waitFor();
    expect(await editor.locator('main').innerText()).toContain('invited as editor');
    await typeInto(editor, 'Email', EDITOR.email);
    await typeInto(editor, 'Password', EDITOR.password);
    await editor.getByRole('button', { name: 'Accept invite' }).click();
    await eventually(async () => expect(await editor.getByTestId('signed-in-as').innerText()).toBe(EDITOR.email), 20_000);

    // Signs out and back in with the password they chose.
    await editor.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signInAs(editor, EDITOR);
    expect(await editor.getByRole('link', { name: 'Members' }).count()).toBe(0);
    expect(await editor.getByRole('link', { name: 'API keys' }).count()).toBe(0);

    await editor.getByRole('link', { name: 'Welcome', exact: true }).click();
    await editor.getByTestId('flow-canvas').waitFor();
    await editor.locator('[data-testid="node-send_message"]').click();
    await editor.getByTestId('inspector').getByLabel('Text', { exact: true }).click();
    await editor.keyboard.press('End');
    await editor.keyboard.type(' Edited by the editor.');
    await editor.keyboard.press('Control+s');
    await eventually(async () => expect((await editor.getByTestId('save-state').innerText()).trim()).toBe('All changes saved'), 20_000);
    const [saved] = await queryDatabase<{ draft: { nodes: Array<{ type: string; data: { config: { text?: string } } }> } }>(
      suite.database.url,
      `SELECT draft FROM flows WHERE name = 'Welcome'`,
    );
    expect(saved.draft.nodes.find((node) => node.type === 'send_message')?.data.config.text).toBe(
      'Hi! Thanks for writing. Edited by the editor.',
    );

    for (const [path, role] of [
      ['/settings/api-keys', 'admin'],
      ['/settings/members', 'owner'],
    ]) {
      await editor.goto(`${suite.stack.server.url}${path}`);
      await eventually(async () =>
        expect(await editor.getByRole('alert').innerText()).toBe(
          `This needs the ${role} role or higher in this workspace; you are editor.`,
        ),
      );
    }
    await screenshot(editor, 'people-editor-refused');
  });

  it("lets the owner end the editor's session: the editor's next step asks them to sign in", async () => {
    await owner.reload();
    const row = owner.getByTestId(`member-${EDITOR.email}`);
    await eventually(async () => expect(await row.getByTestId('active-sessions').innerText()).toBe('1'));
    await row.getByRole('button', { name: 'End sessions' }).click();
    await eventually(async () => expect(await owner.getByRole('status').innerText()).toBe(`Signed ${EDITOR.email} out of this workspace.`));
    await eventually(async () => expect(await row.getByTestId('active-sessions').innerText()).toBe('0'));

    await editor.goto(suite.stack.server.url);
    await editor.getByRole('heading', { name: 'Sign in to dmflow' }).waitFor();
    const cookie = (await editorContext.cookies()).find((candidate) => candidate.name === 'dmflow_session');
    const answer = await fetch(`${suite.stack.server.url}/v1/flows`, { headers: { cookie: `dmflow_session=${cookie?.value}` } });
    expect(answer.status).toBe(401);
    expect((await readJson(answer)).error.code).toBe('session_expired');
    expect(consoleErrors.filter((error) => !/401|403/.test(error))).toEqual([]);
  });
});
