import { flowTemplate } from '@dmflow/shared';
import { readJson } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

describe('publishing warns (never refuses) when another live flow answers the same keyword on the same post', () => {
  const suite = useServerWithTenants({ tenants: [{}, {}] });
  const leadMagnet = flowTemplate('lead-magnet')!;

  async function createAndPublish(apiKey: string, name: string, mediaId: string, keywords: string[]) {
    const draft = leadMagnet.build({ post: { scope: 'specific', mediaId }, keywords });
    const created = await readJson(await suite.api('/v1/flows', apiKey, { method: 'POST', body: JSON.stringify({ name, draft }) }));
    const published = await suite.api(`/v1/flows/${created.id}/publish`, apiKey, { method: 'POST', body: '{}' });
    return { status: published.status, body: await readJson(published) };
  }

  it('names the other flow, the keyword and the post; other posts, keywords and accounts do not warn', async () => {
    const [tenant, other] = suite.tenants;
    const first = await createAndPublish(tenant.apiKey, 'Guide on post 1', '18300000000000001', ['free guide', 'pdf']);
    expect(first.status).toBe(201);
    expect(first.body.warnings).toEqual([]);

    const clash = await createAndPublish(tenant.apiKey, 'Second guide', '18300000000000001', ['Free Guide', 'ebook']);
    expect(clash.status).toBe(201);
    expect(clash.body.is_live).toBe(true);
    expect(clash.body.warnings).toEqual([
      '"Guide on post 1" is live and already answers the keyword "Free Guide" on post 18300000000000001; only one of the two flows will start.',
    ]);

    expect((await createAndPublish(tenant.apiKey, 'Other post', '18300000000000002', ['free guide'])).body.warnings).toEqual([]);
    expect((await createAndPublish(tenant.apiKey, 'Other word', '18300000000000001', ['checklist'])).body.warnings).toEqual([]);
    expect((await createAndPublish(other.apiKey, 'Another account', '18300000000000001', ['free guide'])).body.warnings).toEqual([]);
  });
});
