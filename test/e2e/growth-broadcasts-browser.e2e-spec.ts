import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from '../src/browser/axe';
import { launchChromium, screenshot, watchConsole } from '../src/browser/chromium';
import { eventually } from '../src/browser/eventually';
import { createPerson, seedAudience, TEST_PASSWORD } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const EDITOR_DIST = join(__dirname, '..', '..', 'editor', 'dist');

// The Broadcasts page in Chromium: a segment by tag, a broadcast composed with the keyboard, its progress to the end
// with the skipped contacts named by reason.
describe('Broadcasts page, in Chromium', () => {
  // The owner invites the editor.
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

  async function typeInto(label: string, text: string): Promise<void> {
    await page.getByLabel(label, { exact: true }).click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(text);
  }

  it('saves a segment, sends a broadcast to it and shows sent and skipped contacts', async () => {
    const [tenant] = suite.tenants;
    await seedAudience(suite.database.url, tenant, { prefix: 'browser', tag: 'vip', inside: 3, outside: 1 });
    try {
      const editor = await createPerson(suite.stack.server.env, suite.stack.server.url, tenant.accountId, 'editor');
      await page.goto(suite.stack.server.url);
      await typeInto('Email', editor.email);
      await typeInto('Password', TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Broadcasts' }).click();
      await page.getByRole('heading', { name: 'Broadcasts', level: 1 }).waitFor();

      await typeInto('Segment name', 'VIPs');
      await typeInto('Contacts tagged', 'vip');
      await page.getByRole('button', { name: 'Save segment' }).click();
      await eventually(async () =>
        expect(await page.getByLabel('Segment', { exact: true }).locator('option').allInnerTexts()).toEqual(['VIPs']),
      );

      await typeInto('Broadcast name', 'Launch');
      await typeInto('Message', 'We launched!');
      await typeInto('Messages per second (at most 300, Instagram’s limit)', '20');
      await page.getByRole('button', { name: 'Send broadcast' }).click();

      const row = page.getByTestId('broadcast-Launch');
      await eventually(
        async () =>
          expect(await row.locator('td').allInnerTexts()).toEqual(
            expect.arrayContaining(['Launch', 'completed', '3', '1 outside the 24-hour window']),
          ),
        60_000,
      );
      const sent = (await suite.graph.calls('/messages')).filter((call) => call.body?.message?.text === 'We launched!');
      expect(sent).toHaveLength(3);
      expect(await axeViolations(page)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'growth-broadcasts-page');
      throw error;
    }
  });
});
