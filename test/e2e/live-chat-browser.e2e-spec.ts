import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from '../src/browser/axe';
import { launchChromium, screenshot, watchConsole } from '../src/browser/chromium';
import { eventually } from '../src/browser/eventually';
import { createPerson, type PersonSession } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

// Issue 20's browser acceptance: two team members with the inbox open in two browsers see a new DM appear live;
// one replies (typed with the keyboard), the other sees the reply without reloading; the reply reaches Instagram once.

const EDITOR_DIST = join(__dirname, '..', '..', 'editor', 'dist');
const PERSON = 'igsid-browser-shopper';

describe('live chat inbox in Chromium: two team members, live updates', () => {
  const suite = useServerWithTenants({ tenants: [{}], env: { EDITOR_DIST } });
  const {
    meta,
    graph,
    tenants: [tenant],
  } = suite;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  const consoleErrors: string[] = [];

  async function inboxAs(person: PersonSession): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const [name, value] = person.cookie.split('=');
    await context.addCookies([{ name, value, url: suite.stack.server.url }]);
    const page = await context.newPage();
    consoleErrors.push(...watchConsole(page));
    await page.goto(`${suite.stack.server.url}/inbox`);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    return page;
  }

  const conversationRow = (page: Page) => page.getByRole('button', { name: new RegExp(PERSON) });
  const inThread = (page: Page, text: string) => page.getByRole('list', { name: 'Messages' }).getByText(text);

  beforeAll(async () => {
    if (!existsSync(join(EDITOR_DIST, 'index.html'))) throw new Error('Build the editor first: npm run build -w @dmflow/editor');
    browser = await launchChromium();
    const { server } = suite.stack;
    alice = await inboxAs(await createPerson(server.env, server.url, tenant.accountId, 'editor'));
    bob = await inboxAs(await createPerson(server.env, server.url, tenant.accountId, 'editor'));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows a new DM in both inboxes live; a reply from one appears in the other without reloading', async () => {
    expect(
      (await meta.dm({ igUserId: tenant.igUserId, senderId: PERSON, text: 'Is the blue one in stock?', mid: 'mid-browser-1' })).status,
    ).toBe(200);
    for (const page of [alice, bob]) await conversationRow(page).waitFor({ timeout: 30_000 });
    await conversationRow(alice).click();
    await conversationRow(bob).click();
    for (const page of [alice, bob]) await inThread(page, 'Is the blue one in stock?').waitFor({ timeout: 20_000 });

    await alice.getByLabel('Reply').click();
    await alice.keyboard.type('Yes, we have it in every size.');
    await alice.getByRole('button', { name: 'Send' }).click();
    await inThread(bob, 'Yes, we have it in every size.').waitFor({ timeout: 30_000 });
    await screenshot(alice, 'live-chat-alice-replied');
    await screenshot(bob, 'live-chat-bob-sees-reply');

    await eventually(async () => {
      const sends = (await graph.calls('/messages')).filter(
        (call) => (call.body as { recipient?: { id?: string } }).recipient?.id === PERSON,
      );
      expect(sends.map((call) => (call.body as { message: { text: string } }).message.text)).toEqual(['Yes, we have it in every size.']);
    }, 20_000);

    // The person writes again: it shows in both threads live.
    await meta.dm({ igUserId: tenant.igUserId, senderId: PERSON, text: 'Great, thanks!', mid: 'mid-browser-2' });
    for (const page of [alice, bob]) await inThread(page, 'Great, thanks!').waitFor({ timeout: 30_000 });

    expect(await axeViolations(alice)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
