import type { BroadcastView } from '../api/broadcasts-api';

/** Readable names of the reasons a contact was skipped. */
const SKIP_REASONS: Record<string, string> = {
  outside_24h_window: 'outside the 24-hour window',
  never_messaged: 'never messaged you',
  unsubscribed: 'opted out',
  cancelled: 'cancelled',
  run_in_progress: 'already in the flow',
  already_ran: 'already ran the flow',
};

export function skippedSummary(skipped: BroadcastView['stats']['skipped']): string {
  const parts = Object.entries(skipped).map(([reason, count]) => `${count} ${SKIP_REASONS[reason] ?? reason}`);
  return parts.length ? parts.join(', ') : 'none';
}

/** Which changes the status allows, as the server enforces them. */
export function allowedChanges(status: BroadcastView['status']): Array<'pause' | 'resume' | 'cancel'> {
  if (status === 'scheduled' || status === 'sending') return ['pause', 'cancel'];
  if (status === 'paused') return ['resume', 'cancel'];
  return [];
}
