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
// Then one assigns the conversation to the other and adds an internal note; the other sees both live; marking it
// done takes it out of both "Open" lists.

const EDITOR_DIST = join(__dirname, '..', '..', 'editor', 'dist');
const PERSON = 'igsid-browser-shopper';

describe('live chat inbox in Chromium: two team members, live updates', () => {
  // The owner invites the two editors.
  const suite = useServerWithTenants({ tenants: [{ owner: true }], env: { EDITOR_DIST } });
  const {
    meta,
    graph,
    tenants: [tenant],
  } = suite;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  let bobPerson: PersonSession;
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
    bobPerson = await createPerson(server.env, server.url, tenant.accountId, 'editor');
    bob = await inboxAs(bobPerson);
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

  it('assigns the conversation to the other member with a note, who sees both live; done leaves the open list', async () => {
    // Alice hands the conversation to Bob and leaves him a note, typed with the keyboard.
    await alice.getByLabel('Assigned to', { exact: true }).selectOption({ label: bobPerson.email });
    await alice.getByLabel('Internal note').click();
    await alice.keyboard.type('She wants the blue one in size 38, please call her back.');
    await alice.keyboard.press('Tab'); // to the "Add note" button
    await alice.keyboard.press('Enter');
    const note = (page: Page) => page.locator('.thread-note', { hasText: 'She wants the blue one in size 38' });
    await note(alice).waitFor({ timeout: 20_000 });

    // Bob, without reloading: the row and the controls say it is his, the note is in the thread, set apart.
    await bob
      .getByRole('list', { name: 'Conversation list' })
      .getByText(`Assigned to ${bobPerson.email} (me)`)
      .waitFor({ timeout: 30_000 });
    await eventually(async () => expect(await bob.getByLabel('Assigned to', { exact: true }).inputValue()).toBe(bobPerson.userId), 20_000);
    await note(bob).waitFor({ timeout: 30_000 });
    expect(await note(bob).textContent()).toMatch(/^Internal note · /);
    await bob.getByRole('region', { name: 'Open per person' }).getByText(`${bobPerson.email} (me)`).waitFor({ timeout: 20_000 });
    await screenshot(alice, 'live-chat-alice-assigned-with-note');
    await screenshot(bob, 'live-chat-bob-sees-assignment-and-note');

    // Bob marks it done with the keyboard: it leaves the "Open" list in both browsers.
    await bob.getByRole('button', { name: 'Mark done' }).focus();
    await bob.keyboard.press('Enter');
    for (const page of [bob, alice]) await conversationRow(page).waitFor({ state: 'detached', timeout: 30_000 });
    await bob.getByRole('button', { name: 'Reopen' }).waitFor({ timeout: 20_000 });
    await screenshot(bob, 'live-chat-bob-marked-done');

    expect(await axeViolations(bob)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
