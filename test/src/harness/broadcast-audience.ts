import type { RecordedCall } from '@dmflow/sandbox';
import type { TenantFixture } from './cli';
import { queryDatabase } from './database';

export interface Audience {
  /** IGSIDs inside Instagram's 24-hour window: exactly these may get the broadcast. */
  eligible: string[];
  /** IGSIDs whose last message is 30 hours old. */
  outsideWindow: string[];
  /** IGSIDs inside the window but opted out. */
  unsubscribed: string[];
}

/**
 * Seeds a broadcast audience in one statement per group (contacts come from Instagram traffic; SQL stands in for
 * it): every contact carries `tag`; `outside` of them last wrote 30 hours ago, `unsubscribed` opted out.
 */
export async function seedAudience(
  databaseUrl: string,
  tenant: Pick<TenantFixture, 'accountId' | 'instagramAccountId'>,
  options: { prefix: string; tag: string; inside: number; outside: number; unsubscribed?: number },
): Promise<Audience> {
  const insert = async (group: string, count: number, hoursAgo: number, unsubscribed: boolean): Promise<string[]> => {
    if (!count) return [];
    const rows = await queryDatabase<{ ig_user_id: string }>(
      databaseUrl,
      `INSERT INTO contacts (account_id, instagram_account_id, ig_user_id, username, tags, variables, last_inbound_at, unsubscribed_at)
       SELECT $1, $2, $3 || '-' || n, $3 || '_' || n, ARRAY[$4], '{}'::jsonb,
              now() - make_interval(hours => $5), CASE WHEN $6 THEN now() END
         FROM generate_series(1, $7) AS n
       RETURNING ig_user_id`,
      [tenant.accountId, tenant.instagramAccountId, `${options.prefix}-${group}`, options.tag, hoursAgo, unsubscribed, count],
    );
    return rows.map((row) => row.ig_user_id);
  };
  return {
    eligible: await insert('in', options.inside, 1, false),
    outsideWindow: await insert('out', options.outside, 30, false),
    unsubscribed: await insert('stop', options.unsubscribed ?? 0, 1, true),
  };
}

/** The Send API calls the sandbox received for these IGSIDs, by IGSID. */
export function sendsByRecipient(calls: RecordedCall[], igsids: Iterable<string>): Map<string, RecordedCall[]> {
  const wanted = new Set(igsids);
  const byRecipient = new Map<string, RecordedCall[]>();
  for (const call of calls) {
    const id: unknown = call.body?.recipient?.id;
    if (typeof id !== 'string' || !wanted.has(id)) continue;
    byRecipient.set(id, [...(byRecipient.get(id) ?? []), call]);
  }
  return byRecipient;
}

/** The most calls that arrived within any one second (a sliding window over their arrival times). */
export function mostInAnySecond(calls: RecordedCall[]): number {
  const times = calls.map((call) => Date.parse(call.at)).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last] - times[first] >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
