import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, publishFlow, text, trigger } from '../src/fixtures/instagram-flows';
import { queryDatabase, scaled, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

interface SentMessage {
  recipient: { id?: string };
  message: { text?: string };
}

const MINUTE_MS = 60_000;
/** Zones away from UTC, so a window read in UTC instead of the account's zone would be hours off. */
const ZONES = ['Asia/Kolkata', 'America/New_York', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Sydney'];

/** The wall-clock hour and minute of `instant` in `zone`. */
function wallClock(instant: number, zone: string): { hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    instant,
  );
  const read = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { hour: read('hour'), minute: read('minute') };
}
const hhmm = ({ hour, minute }: { hour: number; minute: number }) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

const question = (id: string, questionType: string, prompt: string) =>
  node(id, 'question', {
    questionType,
    text: prompt,
    variable: id,
    choices: [],
    invalidMessage: 'Sorry, again:',
    maxAttempts: 3,
    allowSkip: false,
    skipLabel: 'Skip',
    timeoutSeconds: 0,
  });

const windowDelay = (windowStart: string, windowEnd: string) =>
  node('wait', 'delay', {
    mode: 'window',
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    windowStart,
    windowEnd,
  });

/** The blocks in a row (a question goes on by `answered`); a question's `invalid` and a delay's `error` go to the end. */
const flow = (keyword: string, ...blocks: ReturnType<typeof node>[]): FlowGraph => {
  const ids = ['trigger', ...blocks.map((block) => block.id), 'end'];
  const typeOf = (id: string) => blocks.find((block) => block.id === id)?.type;
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [trigger({ source: 'dm_keyword', keywords: [keyword] }), ...blocks, node('end', 'end', {})],
    edges: [
      ...chain(...ids).map((edge) => (typeOf(edge.source) === 'question' ? { ...edge, sourceHandle: 'answered' } : edge)),
      ...blocks.flatMap((block) =>
        block.type === 'question' || (block.type === 'delay' && block.data.config.mode === 'until_date')
          ? [{ id: `${block.id}-end`, source: block.id, sourceHandle: block.type === 'question' ? 'invalid' : 'error', target: 'end' }]
          : [],
      ),
    ],
  };
};

describe('smart delay and date/URL/image questions, through signed Meta webhooks', () => {
  const suite = useServerWithTenants({ tenants: [{}] });
  const now = Date.now();
  // A zone where it is day-time for the next 3 hours, so the windows below open and close on today's date there.
  const zone = ZONES.find((candidate) => wallClock(now, candidate).hour >= 3 && wallClock(now, candidate).hour <= 19) as string;
  const opensLater = hhmm(wallClock(now + 2 * 60 * MINUTE_MS, zone));

  const sent = async (): Promise<SentMessage[]> =>
    (await suite.graph.calls('/messages')).filter((call) => call.method === 'POST').map((call) => call.body as unknown as SentMessage);
  const textsTo = (recipient: string) => async () =>
    (await sent()).filter((message) => message.recipient.id === recipient).map((message) => message.message.text);
  const untilSent = (recipient: string, count: number, what: string) =>
    waitFor(textsTo(recipient), (texts) => texts.length >= count, scaled(30_000), what);
  const patchAccount = (body: Record<string, unknown>) =>
    suite.api(`/v1/instagram-accounts/${suite.tenants[0].instagramAccountId}`, suite.tenants[0].apiKey, {
      method: 'PATCH',
      body: JSON.stringify(body),
    });
  const dm = (senderId: string, input: { text?: string; attachments?: Array<{ type: string; url: string }> }) =>
    suite.meta.dm({ igUserId: suite.tenants[0].igUserId, senderId, ...input });

  beforeAll(async () => {
    const url = suite.stack.database.url;
    const tenant = suite.tenants[0];
    const inside = `${hhmm(wallClock(now - 60 * MINUTE_MS, zone))}`;
    const closes = `${hhmm(wallClock(now + 60 * MINUTE_MS, zone))}`;
    await publishFlow(
      url,
      tenant,
      'Open hours',
      flow('hours', windowDelay(inside, closes), node('open', 'send_message', text('We are open'))),
    );
    await publishFlow(
      url,
      tenant,
      'Later hours',
      flow(
        'later',
        windowDelay(opensLater, hhmm(wallClock(now + 3 * 60 * MINUTE_MS, zone))),
        node('late', 'send_message', text('Now open')),
      ),
    );
    await publishFlow(
      url,
      tenant,
      'Date reached',
      flow(
        'remind',
        question('when', 'date', 'When?'),
        node('wait', 'delay', { mode: 'until_date', dateVariable: 'when', offsetAmount: 1, offsetUnit: 'days' }),
        node('reached', 'send_message', text('Reminder for {{when}}')),
      ),
    );
    await publishFlow(
      url,
      tenant,
      'Sign up',
      flow(
        'signup',
        question('birthday', 'date', 'Your birthday?'),
        question('site', 'url', 'Your website?'),
        question('photo', 'image', 'A photo of you?'),
        node('thanks', 'send_message', text('Got {{birthday}} {{site}} {{photo}}')),
      ),
    );
  });

  it('edits the account’s time zone and locale, refusing an unknown zone with its own code', async () => {
    const refused = await patchAccount({ time_zone: 'Mars/Olympus_Mons' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'unknown_time_zone' } });
    const badLocale = await patchAccount({ locale: 'not a locale!' });
    expect(badLocale.status).toBe(400);
    expect(await badLocale.json()).toMatchObject({ error: { code: 'invalid_locale' } });

    const updated = await patchAccount({ time_zone: zone, locale: 'en-gb' });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ time_zone: zone, locale: 'en-GB' });
    const listed = (await (await suite.api('/v1/instagram-accounts', suite.tenants[0].apiKey)).json()) as {
      data: Array<{ time_zone: string; locale: string }>;
    };
    expect(listed.data[0]).toMatchObject({ time_zone: zone, locale: 'en-GB' });
  });

  it('a business-hours window containing now (in the account’s zone) goes on at once', async () => {
    await dm('5620000000000001', { text: 'hours' });
    expect(await untilSent('5620000000000001', 1, 'the open-hours DM')).toEqual(['We are open']);
  });

  it('outside the window, the run parks a timer due at the next opening in the account’s zone', async () => {
    await dm('5620000000000002', { text: 'later' });
    const [timer] = await waitFor(
      () =>
        queryDatabase<{ due_at: string; status: string }>(
          suite.stack.database.url,
          `SELECT effect.result->>'due_at' AS due_at, run.status
             FROM run_effects effect JOIN flow_runs run ON run.id = effect.run_id JOIN contacts contact ON contact.id = run.contact_id
            WHERE contact.ig_user_id = $1 AND effect.effect_type = 'schedule_timer' AND effect.status = 'done'`,
          ['5620000000000002'],
        ),
      (rows) => rows.length === 1,
      scaled(30_000),
      'the window delay’s timer',
    );
    // The window opens at `opensLater` on the account's clock: two hours from now, to the minute.
    expect(Date.parse(timer.due_at)).toBe(Math.floor(now / MINUTE_MS) * MINUTE_MS + 2 * 60 * MINUTE_MS);
    expect(timer.status).toBe('waiting');
    expect(await textsTo('5620000000000002')()).toEqual([]);
  });

  it('a date-variable delay whose date is past goes on at once', async () => {
    await dm('5620000000000003', { text: 'remind' });
    await untilSent('5620000000000003', 1, 'the date question');
    await dm('5620000000000003', { text: '01/02/2020' });
    expect(await untilSent('5620000000000003', 2, 'the reminder')).toEqual(['When?', 'Reminder for 2020-02-01']);
  });

  it('asks a date (en-GB), a URL and an image, saving each; text in reply to the image question re-asks', async () => {
    const person = '5620000000000004';
    const photo = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=5620001';
    await dm(person, { text: 'signup' });
    await untilSent(person, 1, 'the birthday question');
    await dm(person, { text: '12/03/1990' });
    await untilSent(person, 2, 'the website question');
    await dm(person, { text: 'Example.com/Shop' });
    await untilSent(person, 3, 'the photo question');
    await dm(person, { text: 'I have no photo' });
    await untilSent(person, 4, 'the photo question again');
    await dm(person, { attachments: [{ type: 'image', url: photo }] });
    expect(await untilSent(person, 5, 'the thank-you DM')).toEqual([
      'Your birthday?',
      'Your website?',
      'A photo of you?',
      'Sorry, again:\n\nA photo of you?',
      `Got 1990-03-12 https://example.com/Shop ${photo}`,
    ]);
    const [run] = await queryDatabase<{ variables: Record<string, unknown> }>(
      suite.stack.database.url,
      `SELECT run.snapshot->'context'->'variables' AS variables FROM flow_runs run JOIN contacts contact ON contact.id = run.contact_id
        WHERE contact.ig_user_id = $1`,
      [person],
    );
    expect(run.variables).toEqual({ birthday: '1990-03-12', site: 'https://example.com/Shop', photo });
  });
});
