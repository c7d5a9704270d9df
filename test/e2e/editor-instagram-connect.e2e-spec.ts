import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot, watchConsole } from '../src/browser/chromium';
import { createPerson, TEST_PASSWORD } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const EDITOR_DIST = join(__dirname, '..', '..', 'editor', 'dist');
const PICTURE = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="20" fill="#e1306c"/></svg>')}`;

// "Connect Instagram" in Chromium: the editor → the sandbox's authorize page (Instagram's stand-in) → the server's
// callback → back on the editor's Connect page, showing the account.
describe('Connect Instagram from the editor, in Chromium', () => {
  const suite = useServerWithTenants({ tenants: [{ owner: true }], env: { EDITOR_DIST } });
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    if (!existsSync(join(EDITOR_DIST, 'index.html'))) throw new Error('Build the editor first: npm run build -w @dmflow/editor');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    consoleErrors = watchConsole(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('clicks "Connect Instagram", logs in as a test business on the sandbox, and comes back with the account listed', async () => {
    const [tenant] = suite.tenants;
    const business = await suite.graph.registerInstagramUser({ username: 'corner.cafe', profile_picture_url: PICTURE });
    await suite.graph.registerInstagramUser({ username: 'not.this.one' });
    try {
      // Connecting Instagram is an admin's job: the workspace's owner signs in.
      const owner = await createPerson(suite.stack.server.env, suite.stack.server.url, tenant.accountId, 'owner');
      await page.goto(suite.stack.server.url);
      await page.getByLabel('Email').click();
      await page.keyboard.type(owner.email);
      await page.getByLabel('Password').click();
      await page.keyboard.type(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Instagram accounts' }).click();
      await page.getByRole('heading', { name: 'Instagram accounts' }).waitFor();
      await page.locator('.instagram-account', { hasText: '@test_shop' }).waitFor();
      expect(await page.getByText(/npm run cli/).count()).toBe(0);

      await page.getByRole('button', { name: 'Connect Instagram' }).click();
      await page.waitForURL((url) => url.toString().startsWith(suite.stack.sandbox.authorizeUrl));
      await page.getByLabel('Test business').selectOption(business.user_id);
      await page.getByRole('button', { name: 'Log in as test business' }).click();

      await page.waitForURL((url) => url.pathname === '/connect' && url.searchParams.get('instagram') === 'connected');
      // Each account's time zone form has a status line of its own; the login's outcome is the one that says "Connected".
      expect(await page.getByRole('status').filter({ hasText: 'Connected' }).textContent()).toBe('Connected @corner.cafe.');
      const row = page.locator('.instagram-account', { hasText: '@corner.cafe' });
      await row.waitFor();
      expect(await row.getByText('Connected', { exact: true }).count()).toBe(1);
      expect(await row.locator('img').getAttribute('src')).toBe(PICTURE);
      expect(await page.locator('.instagram-account').count()).toBe(2);
      expect(consoleErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'editor-instagram-connect');
      throw error;
    }
  });
});
