import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { eventually } from '../src/browser/eventually';
import { launchChromium, screenshot, watchConsole } from '../src/browser/chromium';
import { createPerson, type PersonSession, readJson, TEST_PASSWORD, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const EDITOR_DIST = join(__dirname, '..', '..', 'editor', 'dist');

/** A square picture as a data URL, so thumbnails render without a network. */
const picture = (colour: string, label: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="320" height="320" fill="${colour}"/><text x="160" y="175" font-size="40" text-anchor="middle" fill="#fff" font-family="sans-serif">${label}</text></svg>`,
  )}`;

const POSTS = [
  { id: '18200000000000001', caption: 'Summer sale is on: 20% off everything this week', colour: '#0f766e', day: 1, type: 'IMAGE' },
  {
    id: '18200000000000002',
    caption: 'FREE GUIDE: 10 recipes for busy weeknights. Comment "free guide" to get it!',
    colour: '#b45309',
    day: 2,
    type: 'IMAGE',
  },
  { id: '18200000000000003', caption: 'Behind the scenes of our photo shoot', colour: '#7c3aed', day: 3, type: 'VIDEO' },
];

describe('a new flow from the lead-magnet template, in Chromium', () => {
  const suite = useServerWithTenants({ tenants: [{ owner: true }], env: { EDITOR_DIST } });
  const {
    api,
    graph,
    meta,
    tenants: [tenant],
  } = suite;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  /** The workspace's owner: the editor signs in as a person (the API key is for the test's own calls). */
  let owner: PersonSession;

  beforeAll(async () => {
    if (!existsSync(join(EDITOR_DIST, 'index.html'))) throw new Error('Build the editor first: npm run build -w @dmflow/editor');
    for (const post of POSTS) {
      const image = picture(post.colour, `Post ${post.day}`);
      await graph.publishMedia({
        id: post.id,
        owner_id: tenant.igUserId,
        timestamp: `2026-11-0${post.day}T10:00:00+0000`,
        caption: post.caption,
        media_type: post.type,
        media_url: image,
        ...(post.type === 'VIDEO' ? { thumbnail_url: image } : {}),
        permalink: `https://www.instagram.com/p/${post.id}/`,
      });
    }
    owner = await createPerson(suite.stack.server.env, suite.stack.server.url, tenant.accountId, 'owner');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    consoleErrors = watchConsole(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('picks the template, a post, types keywords and a public reply, publishes in at most 12 actions; a matching comment gets both replies', async () => {
    // Signing in is not part of the campaign: the workspace is empty when counting starts.
    await page.goto(suite.stack.server.url);
    await page.getByLabel('Email').click();
    await page.keyboard.type(owner.email);
    await page.getByLabel('Password').click();
    await page.keyboard.type(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Start from a template' }).waitFor();
    expect((await readJson(await api('/v1/flows', tenant.apiKey))).data).toEqual([]);
    await screenshot(page, 'templates-gallery-1280x800');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'templates-gallery-1024x768');
    await page.setViewportSize({ width: 1280, height: 800 });

    const actions: string[] = [];
    const act = async (what: string, work: () => Promise<unknown>) => {
      actions.push(what);
      await work();
    };

    await act('pick the lead-magnet template', () => page.getByRole('button', { name: /Comment-to-DM lead magnet/ }).click());
    const chosenPost = page.getByRole('button', { name: /FREE GUIDE: 10 recipes/ });
    await chosenPost.waitFor();
    await act('choose the post in the picker', () => chosenPost.click());
    await eventually(async () => expect(await chosenPost.getAttribute('aria-pressed')).toBe('true'));
    await act('click the keywords field', () => page.getByLabel('Keywords (separate them with commas)').click());
    await act('type the keywords', () => page.keyboard.type('free guide, ebook'));
    await act('click the public replies field', () => page.getByLabel('Public replies under the comment').click());
    await act('type the public reply', () => page.keyboard.type('Thanks, check your inbox!'));
    await eventually(async () => expect(await page.locator('.keyword-chip').allInnerTexts()).toEqual(['free guide', 'ebook']));
    await screenshot(page, 'templates-wizard-1280x800');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'templates-wizard-1024x768');
    await page.setViewportSize({ width: 1280, height: 800 });
    await act('publish', () => page.getByRole('button', { name: 'Publish', exact: true }).click());
    await page.getByTestId('flow-canvas').waitFor();
    await screenshot(page, 'templates-flow-opened-1280x800');
    // The canvas edits the flow like any other; the trigger's post is chosen with the same picker, never an id box.
    await page.locator('[data-testid="node-trigger"]').click();
    const picked = page.getByTestId('inspector').getByRole('button', { name: /FREE GUIDE: 10 recipes/ });
    await eventually(async () => expect(await picked.getAttribute('aria-pressed')).toBe('true'));
    await screenshot(page, 'templates-trigger-post-picker-1280x800');

    console.log(`lead-magnet campaign published in ${actions.length} user actions: ${actions.join('; ')}`);
    expect(actions.length).toBeLessThanOrEqual(12);

    // The flow is live, as typed: "free guide" kept its space, the reply its comma.
    const [flow] = (await readJson(await api('/v1/flows', tenant.apiKey))).data;
    expect(flow.status).toBe('published');
    const detail = await readJson(await api(`/v1/flows/${flow.id}`, tenant.apiKey));
    const trigger = detail.draft.nodes.find((node: { type: string }) => node.type === 'trigger');
    expect(trigger.data.config).toMatchObject({
      source: 'comment',
      postScope: 'specific',
      mediaId: POSTS[1].id,
      keywords: ['free guide', 'ebook'],
      publicReply: 'Thanks, check your inbox!',
      publicReplyVariants: [],
    });

    // A matching comment on that post: the public reply and the private reply reach the sandbox Graph API.
    const delivery = await meta.comment({
      igUserId: tenant.igUserId,
      text: 'Can I get the Free Guide please?',
      mediaId: POSTS[1].id,
      commentId: '17900000000077001',
      fromId: '5500000000000001',
      username: 'jane.doe',
    });
    expect(delivery.status).toBe(200);
    const [publicReply] = await waitFor(
      () => graph.calls('/17900000000077001/replies'),
      (calls) => calls.length === 1,
      30_000,
      'the public reply',
    );
    expect(publicReply.body).toEqual({ message: 'Thanks, check your inbox!' });
    const [privateReply] = await waitFor(
      () => graph.calls('/messages'),
      (calls) => calls.length === 1,
      30_000,
      'the private reply',
    );
    expect(privateReply.body).toMatchObject({
      recipient: { comment_id: '17900000000077001' },
      message: {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'button',
            text: expect.stringContaining("Here's the free guide you asked for"),
            buttons: [{ type: 'postback', title: 'Send it to me' }],
          },
        },
      },
    });
    // A comment on another post does not fire the flow.
    await meta.comment({
      igUserId: tenant.igUserId,
      text: 'free guide',
      mediaId: POSTS[0].id,
      commentId: '17900000000077002',
      fromId: '5500000000000002',
    });
    expect(await graph.calls('/17900000000077002/replies')).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
