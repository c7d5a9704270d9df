import { readJson } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

describe('/v1/instagram-accounts/{id}/media (the post picker)', () => {
  const suite = useServerWithTenants({ tenants: [{}, {}] });
  const {
    api,
    graph,
    tenants: [tenant, other],
  } = suite;

  beforeAll(async () => {
    for (let day = 1; day <= 3; day++) {
      await graph.publishMedia({
        id: `1810000000000000${day}`,
        owner_id: tenant.igUserId,
        timestamp: `2026-11-0${day}T10:00:00+0000`,
        caption: `Guide part ${day}`,
        media_type: day === 3 ? 'VIDEO' : 'IMAGE',
        media_url: `https://cdn.example/${day}.jpg`,
        ...(day === 3 ? { thumbnail_url: 'https://cdn.example/3-thumb.jpg' } : {}),
        permalink: `https://www.instagram.com/p/${day}/`,
      });
    }
  });

  it("lists the account's posts and reels newest first, a page at a time", async () => {
    const first = await readJson(await api(`/v1/instagram-accounts/${tenant.instagramAccountId}/media?limit=2`, tenant.apiKey));
    expect(first).toEqual({
      data: [
        {
          id: '18100000000000003',
          caption: 'Guide part 3',
          media_type: 'VIDEO',
          media_url: 'https://cdn.example/3.jpg',
          thumbnail_url: 'https://cdn.example/3-thumb.jpg',
          permalink: 'https://www.instagram.com/p/3/',
          timestamp: '2026-11-03T10:00:00+0000',
        },
        expect.objectContaining({ id: '18100000000000002', caption: 'Guide part 2', thumbnail_url: null }),
      ],
      has_more: true,
      next_cursor: expect.any(String),
    });
    const second = await readJson(
      await api(`/v1/instagram-accounts/${tenant.instagramAccountId}/media?limit=2&cursor=${first.next_cursor}`, tenant.apiKey),
    );
    expect(second).toEqual({ data: [expect.objectContaining({ id: '18100000000000001' })], has_more: false, next_cursor: null });
    const [call] = (await graph.calls(`/${tenant.igUserId}/media`)).slice(-1);
    expect(call.path).toBe(`/${tenant.igUserId}/media`);
  });

  it("hides another tenant's Instagram account and refuses bad cursors, with the error envelope", async () => {
    const foreign = await api(`/v1/instagram-accounts/${tenant.instagramAccountId}/media`, other.apiKey);
    expect(foreign.status).toBe(404);
    expect((await readJson(foreign)).error.code).toBe('instagram_account_not_found');
    const badCursor = await api(`/v1/instagram-accounts/${tenant.instagramAccountId}/media?cursor=%3Cscript%3E`, tenant.apiKey);
    expect(badCursor.status).toBe(400);
    expect((await readJson(badCursor)).error.code).toBe('validation_failed');
  });

  it('says clearly when Instagram will not list the posts', async () => {
    await graph.fail({ pathContains: '/media', error: 'invalid_token', count: 1 });
    const refused = await api(`/v1/instagram-accounts/${tenant.instagramAccountId}/media`, tenant.apiKey);
    expect(refused.status).toBe(502);
    expect((await readJson(refused)).error).toMatchObject({
      code: 'instagram_media_unavailable',
      message: expect.stringMatching(/reconnect/),
    });
    await graph.fail({ pathContains: '/media', error: 'server_error', count: 1 });
    const down = await api(`/v1/instagram-accounts/${tenant.instagramAccountId}/media`, tenant.apiKey);
    expect(down.status).toBe(502);
    expect((await readJson(down)).error.message).toMatch(/^Instagram did not list the posts: /);
  });
});
