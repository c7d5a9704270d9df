import type { RunStatus } from '../api/runs-api';

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  active: 'Running',
  waiting: 'Waiting for the contact',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  in_doubt: 'In doubt',
};

/** Why a run needs a look, in words a marketer can act on; the server's own reason follows. */
export function runReason(status: RunStatus, error: string | null): string {
  if (status === 'in_doubt')
    return `Instagram may or may not have received a message (the connection broke while sending). Retrying asks Instagram first, so nothing is sent twice.${error ? ` ${error}` : ''}`;
  return error ?? '';
}

export const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
