import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { InstagramAccountView } from '@dmflow/shared';
import { apiErrorMessage } from '../api/api-errors';
import type { BroadcastsApi, BroadcastView, SegmentView } from '../api/broadcasts-api';
import type { InstagramAccountsApi } from '../api/instagram-accounts-api';
import { useLoaded } from '../settings/use-loaded';
import { allowedChanges, skippedSummary } from './broadcast-labels';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** How often the table refreshes while a broadcast is sending. */
const PROGRESS_REFRESH_MS = 2_000;

interface Loaded {
  segments: SegmentView[];
  broadcasts: BroadcastView[];
  accounts: InstagramAccountView[];
}

/** Segments by tag, and broadcasts to them: compose, schedule, follow progress, pause, resume, cancel. */
export function BroadcastsPage({ broadcastsApi, instagramApi }: { broadcastsApi: BroadcastsApi; instagramApi: InstagramAccountsApi }) {
  const loaded = useLoaded<Loaded>(
    useCallback(async () => {
      const [segments, broadcasts, accounts] = await Promise.all([
        broadcastsApi.segments(),
        broadcastsApi.broadcasts(),
        instagramApi.list(),
      ]);
      return { segments, broadcasts, accounts };
    }, [broadcastsApi, instagramApi]),
    'the broadcasts',
  );
  const [segmentName, setSegmentName] = useState('');
  const [segmentTags, setSegmentTags] = useState('');
  const [name, setName] = useState('');
  const [segmentId, setSegmentId] = useState('');
  const [accountId, setAccountId] = useState('');
  const [text, setText] = useState('');
  const [rate, setRate] = useState('');
  const [scheduledAt, setScheduledAt] = useState('');

  const sending = loaded.value?.broadcasts.some((broadcast) => broadcast.status === 'sending' || broadcast.status === 'scheduled');
  const { reload } = loaded;
  useEffect(() => {
    if (!sending) return;
    const timer = setInterval(() => void reload(), PROGRESS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [sending, reload]);

  const act = async (work: () => Promise<unknown>) => {
    loaded.setError(null);
    try {
      await work();
    } catch (caught) {
      loaded.setError(apiErrorMessage(caught, 'Something went wrong.'));
    }
    await loaded.reload();
  };

  const createSegment = (event: FormEvent) => {
    event.preventDefault();
    const tags = segmentTags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    void act(async () => {
      const segment = await broadcastsApi.createSegment(segmentName.trim() || tags.join(', '), tags);
      setSegmentId(segment.id);
      setSegmentName('');
      setSegmentTags('');
    });
  };

  const createBroadcast = (event: FormEvent) => {
    event.preventDefault();
    const accounts = loaded.value?.accounts ?? [];
    void act(async () => {
      await broadcastsApi.createBroadcast({
        name: name.trim(),
        segment_id: segmentId || (loaded.value?.segments[0]?.id ?? ''),
        instagram_account_id: accountId || (accounts[0]?.id ?? ''),
        message: { text },
        ...(rate ? { sends_per_second: Number(rate) } : {}),
        ...(scheduledAt ? { scheduled_at: new Date(scheduledAt).toISOString() } : {}),
      });
      setName('');
      setText('');
    });
  };

  const value = loaded.value;
  return (
    <main className="list-page settings-page">
      <h1>Broadcasts</h1>
      <p className="muted">
        A broadcast reaches the contacts of a segment who wrote to you in the last 24 hours; the others are counted and skipped, as
        Instagram requires.
      </p>
      {loaded.error && (
        <p className="problem" role="alert">
          {loaded.error}
        </p>
      )}
      {value && (
        <>
          <h2>New segment</h2>
          <form className="inline-form" onSubmit={createSegment}>
            <label htmlFor="segment-name">Segment name</label>
            <input id="segment-name" value={segmentName} placeholder="VIPs" onChange={(event) => setSegmentName(event.target.value)} />
            <label htmlFor="segment-tags">Contacts tagged</label>
            <input id="segment-tags" value={segmentTags} placeholder="vip, lead" onChange={(event) => setSegmentTags(event.target.value)} />
            <button type="submit">Save segment</button>
          </form>

          <h2>New broadcast</h2>
          <form className="stacked-form" onSubmit={createBroadcast}>
            <label htmlFor="broadcast-name">Broadcast name</label>
            <input id="broadcast-name" required value={name} onChange={(event) => setName(event.target.value)} />
            <label htmlFor="broadcast-segment">Segment</label>
            <select id="broadcast-segment" value={segmentId} onChange={(event) => setSegmentId(event.target.value)}>
              {value.segments.map((segment) => (
                <option key={segment.id} value={segment.id}>
                  {segment.name}
                </option>
              ))}
            </select>
            <label htmlFor="broadcast-account">Send from</label>
            <select id="broadcast-account" value={accountId} onChange={(event) => setAccountId(event.target.value)}>
              {value.accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  @{account.username}
                </option>
              ))}
            </select>
            <label htmlFor="broadcast-text">Message</label>
            <textarea id="broadcast-text" required maxLength={1000} value={text} onChange={(event) => setText(event.target.value)} />
            <label htmlFor="broadcast-rate">Messages per second (at most 300, Instagram’s limit)</label>
            <input
              id="broadcast-rate"
              type="number"
              min={1}
              max={300}
              value={rate}
              placeholder="300"
              onChange={(event) => setRate(event.target.value)}
            />
            <label htmlFor="broadcast-when">Send at (empty: now)</label>
            <input id="broadcast-when" type="datetime-local" value={scheduledAt} onChange={(event) => setScheduledAt(event.target.value)} />
            <button type="submit" disabled={!value.segments.length || !value.accounts.length}>
              {scheduledAt ? 'Schedule broadcast' : 'Send broadcast'}
            </button>
          </form>

          <h2>Broadcasts</h2>
          <table className="settings-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Sent</th>
                <th>Pending</th>
                <th>Skipped</th>
                <th>Failed</th>
                <th>Scheduled</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {value.broadcasts.map((broadcast) => (
                <tr key={broadcast.id} data-testid={`broadcast-${broadcast.name}`}>
                  <td>{broadcast.name}</td>
                  <td>{broadcast.status}</td>
                  <td>{broadcast.stats.sent}</td>
                  <td>{broadcast.stats.pending}</td>
                  <td>{skippedSummary(broadcast.stats.skipped)}</td>
                  <td>{broadcast.stats.failed}</td>
                  <td>{dateFormat.format(new Date(broadcast.scheduled_at))}</td>
                  <td>
                    {allowedChanges(broadcast.status).map((change) => (
                      <button
                        key={change}
                        type="button"
                        className={change === 'cancel' ? 'link-button danger' : 'link-button'}
                        aria-label={`${change} ${broadcast.name}`}
                        onClick={() => void act(() => broadcastsApi.change(broadcast.id, change))}
                      >
                        {change[0].toUpperCase() + change.slice(1)}
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
