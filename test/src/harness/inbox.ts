import { queryDatabase } from './database';
import { waitFor } from './wait-for';

export interface SettledInboxEvent {
  status: 'processed' | 'skipped' | 'failed';
  /** e.g. `started:<runId>:<flowId>`, `answered:<runId>`, `no_trigger_matched`. */
  outcome: string | null;
  error: string | null;
}

/** Waits until the server has finished with the inbox row of `dedupeKey` (`comment:<id>`, `message:<mid>`, …). */
export async function settledInboxEvent(databaseUrl: string, dedupeKey: string, timeoutMs = 20_000): Promise<SettledInboxEvent> {
  const [row] = await waitFor(
    () =>
      queryDatabase<SettledInboxEvent>(databaseUrl, 'SELECT status, outcome, error FROM inbox_events WHERE dedupe_key = $1', [dedupeKey]),
    (rows) => rows.length === 1 && ['processed', 'skipped', 'failed'].includes(rows[0].status),
    timeoutMs,
    `inbox event ${dedupeKey} settled`,
  );
  return row;
}
