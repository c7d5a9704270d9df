import { readJson } from '../src/harness';
import { GraphSandbox, GraphSandboxClient, startGraphSandbox } from '@dmflow/sandbox';

describe('sandbox Graph API: GET /<ig-user-id>/media', () => {
  let sandbox: GraphSandbox;
  let control: GraphSandboxClient;

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    control = new GraphSandboxClient(sandbox.url);
  });

  afterAll(() => sandbox?.close());
  beforeEach(() => control.reset());

  const fields = 'id,caption,media_type,media_url,thumbnail_url,permalink,timestamp';
  const get = async (url: string) => {
    const response = await fetch(url, { headers: { Authorization: 'Bearer IGQVJ-token' } });
    return { status: response.status, body: (await readJson(response)) as Record<string, unknown> };
  };

  it("lists the owner's posts and reels newest first, paged with Meta's cursors and next link", async () => {
    for (let day = 1; day <= 5; day++) {
      await control.publishMedia({
        id: `1800000000000000${day}`,
        owner_id: '17841400000000001',
        timestamp: `2026-11-0${day}T10:00:00+0000`,
        caption: `Post ${day}`,
        media_type: day === 5 ? 'VIDEO' : 'IMAGE',
        media_url: `https://cdn.example/${day}.jpg`,
        ...(day === 5 ? { thumbnail_url: 'https://cdn.example/5-thumb.jpg' } : {}),
        permalink: `https://www.instagram.com/p/${day}/`,
      });
    }
    await control.publishMedia({ id: '18999', owner_id: '17841499999999999', timestamp: '2026-11-09T10:00:00+0000', caption: 'not mine' });

    const first = await get(`${sandbox.graphUrl}/17841400000000001/media?fields=${fields}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual([
      {
        id: '18000000000000005',
        caption: 'Post 5',
        media_type: 'VIDEO',
        media_url: 'https://cdn.example/5.jpg',
        thumbnail_url: 'https://cdn.example/5-thumb.jpg',
        permalink: 'https://www.instagram.com/p/5/',
        timestamp: '2026-11-05T10:00:00+0000',
      },
      expect.objectContaining({ id: '18000000000000004', caption: 'Post 4', media_type: 'IMAGE' }),
    ]);
    const paging = first.body.paging as { cursors: { after: string }; next: string };
    expect(paging.cursors.after).toEqual(expect.any(String));
    expect(paging.next).toContain(`after=${paging.cursors.after}`);

    const second = await get(paging.next);
    expect((second.body.data as { id: string }[]).map((post) => post.id)).toEqual(['18000000000000003', '18000000000000002']);
    const third = await get((second.body.paging as { next: string }).next);
    expect((third.body.data as { id: string }[]).map((post) => post.id)).toEqual(['18000000000000001']);
    expect(third.body.paging).not.toHaveProperty('next');
  });

  it('answers only `id` without fields, and an empty list for an account without posts', async () => {
    await control.publishMedia({ id: '1801', owner_id: '1784', timestamp: '2026-11-01T10:00:00+0000', caption: 'x' });
    expect((await get(`${sandbox.graphUrl}/1784/media`)).body).toEqual({ data: [{ id: '1801' }], paging: expect.any(Object) });
    expect((await get(`${sandbox.graphUrl}/1785/media?fields=id`)).body).toEqual({ data: [] });
  });

  it("refuses unknown fields and cursors with Meta's error envelope", async () => {
    const unknownField = await get(`${sandbox.graphUrl}/1784/media?fields=id,likes_count`);
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error).toMatchObject({ code: 100 });
    expect((await get(`${sandbox.graphUrl}/1784/media?after=bm9wZQ`)).status).toBe(400);
  });
});
