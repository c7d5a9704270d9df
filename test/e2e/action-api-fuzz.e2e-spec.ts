import { bearer, createTenant, readJson, SandboxedServer, ServerProcess, startSandboxedServer, TenantFixture } from '../src/harness';
import type { GraphSandboxClient } from '@dmflow/sandbox';

/** A small seeded generator, so a failing case can be reproduced from its index. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

const JUNK: unknown[] = [
  null,
  0,
  -1,
  1.5,
  true,
  false,
  '',
  ' ',
  'x'.repeat(5000),
  [],
  [1, 2],
  {},
  { nested: { deeper: [{ x: null }] } },
  '\u0000',
  '../../etc',
  '<script>',
  { $gt: '' },
  ['dm'],
  NaN,
];

interface FuzzCase {
  name: string;
  body: string;
  contentType: string | null;
}

function json(name: string, value: unknown): FuzzCase {
  return { name, body: JSON.stringify(value), contentType: 'application/json' };
}

function fuzzCases(): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const next = random(42);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const valid = { action: 'send_message', type: 'dm', recipient_id: '2358708294634624', message: { text: 'Hello!' } };
  const validComment = { action: 'post_comment', comment_id: '17890012345', comment_text: 'Thanks!' };

  // Text fields accept any non-blank text up to their limit, and a missing type means "dm": those junk values are valid there.
  const acceptableText = (junk: unknown) => typeof junk === 'string' && junk.trim() !== '' && junk.length <= 1000;
  for (const junk of JUNK) {
    const label = JSON.stringify(junk)?.slice(0, 30);
    for (const field of ['action', 'recipient_id', 'message'])
      cases.push(json(`send_message.${field} = ${label}`, { ...valid, [field]: junk }));
    if (!['null', '""'].includes(JSON.stringify(junk))) cases.push(json(`send_message.type = ${label}`, { ...valid, type: junk }));
    cases.push(json(`comment_reply.comment_id = ${label}`, { ...valid, type: 'comment_reply', comment_id: junk }));
    cases.push(json(`post_comment.comment_id = ${label}`, { ...validComment, comment_id: junk }));
    if (!acceptableText(junk)) {
      cases.push(json(`post_comment.comment_text = ${label}`, { ...validComment, comment_text: junk }));
      cases.push(json(`message.text = ${label}`, { ...valid, message: { text: junk } }));
    }
    cases.push(json(`message.attachment = junk`, { ...valid, message: { attachment: junk } }));
    cases.push(json(`quick_replies = junk`, { ...valid, message: { text: 'Pick', quick_replies: junk } }));
    cases.push(
      json(`buttons = junk`, {
        ...valid,
        message: { attachment: { type: 'template', payload: { template_type: 'button', text: 'x', buttons: junk } } },
      }),
    );
    cases.push(json(`top-level junk`, junk));
  }
  for (let index = 0; index < 40; index++) {
    const body: Record<string, unknown> = { action: pick(['send_message', 'post_comment', 'SEND_MESSAGE', 'send message', undefined]) };
    for (const field of ['type', 'recipient_id', 'comment_id', 'comment_text']) if (next() < 0.5) body[field] = pick(JUNK);
    body.message = pick([
      undefined,
      { text: pick(JUNK) },
      { attachment: { type: pick(['image', 'template', 'gif', 7]), payload: pick(JUNK) } },
      { text: 'x', extra: pick(JUNK) },
    ]);
    cases.push(json(`random #${index}`, body));
  }
  const nonJson = [
    '{',
    '{"action":',
    'not json',
    '[1,2',
    '{"action":"send_message",}',
    "{'action':'post_comment'}",
    '\u0000\u0001',
    'null',
    '"just a string"',
    '12345',
    'true',
    '',
  ];
  for (const body of nonJson) cases.push({ name: `non-JSON ${JSON.stringify(body)}`, body, contentType: 'application/json' });
  const validText = JSON.stringify(valid);
  for (const contentType of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    null,
  ]) {
    cases.push({
      name: `valid body as ${contentType}`,
      body: contentType === 'application/x-www-form-urlencoded' ? 'action=send_message&recipient_id=1&message=hi' : validText,
      contentType,
    });
  }
  cases.push(json('huge text', { ...valid, message: { text: 'x'.repeat(100_000) } }));
  cases.push(json('huge comment_text', { ...validComment, comment_text: 'y'.repeat(300_000) }));
  cases.push({
    name: 'body over the size limit',
    body: JSON.stringify({ ...valid, padding: 'z'.repeat(2 * 1024 * 1024) }),
    contentType: 'application/json',
  });
  cases.push(json('deeply nested', { ...valid, message: JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`) }));
  cases.push(
    json('14 quick replies', {
      ...valid,
      message: { text: 'x', quick_replies: Array(14).fill({ content_type: 'text', title: 'a', payload: 'a' }) },
    }),
  );
  cases.push(
    json('4 buttons', {
      ...valid,
      message: {
        attachment: {
          type: 'template',
          payload: { template_type: 'button', text: 'x', buttons: Array(4).fill({ type: 'postback', title: 'a', payload: 'a' }) },
        },
      },
    }),
  );
  cases.push(json('prototype pollution', JSON.parse('{"__proto__":{"action":"send_message"},"constructor":{"prototype":{}}}')));
  return cases;
}

describe('/api-webhook fuzz: malformed bodies always get a 4xx with the error body, never a 500, never a send', () => {
  let stack: SandboxedServer;
  let graph: GraphSandboxClient;
  let server: ServerProcess;
  let tenant: TenantFixture;
  const cases = fuzzCases();

  beforeAll(async () => {
    stack = await startSandboxedServer();
    ({ graph, server } = stack);
    tenant = await createTenant(server.env);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it(`has at least 200 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it('answers every case with a 4xx and {error, code, request_id}', async () => {
    const failures: string[] = [];
    for (const [index, fuzz] of cases.entries()) {
      const headers: Record<string, string> = { ...bearer(tenant.apiKey) };
      if (fuzz.contentType) headers['Content-Type'] = fuzz.contentType;
      const response = await fetch(`${server.url}/api-webhook`, { method: 'POST', headers, body: fuzz.body });
      const body = await readJson(response).catch((error: Error) => ({ unreadable: error.message }));
      const wellFormed =
        typeof body.error === 'string' && body.error.length > 0 && typeof body.code === 'string' && /^req_/.test(body.request_id);
      if (response.status < 400 || response.status >= 500 || !wellFormed)
        failures.push(`#${index} ${fuzz.name}: ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(await graph.calls()).toEqual([]);
    expect(server.logs()).not.toMatch(/"level":"error"/);
  });
});
