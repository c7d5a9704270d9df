import { retentionPruner } from '../../core/housekeeping/retention-pruner';

/**
 * Finished inbox rows only serve to drop Meta's redeliveries, which stop after 36 hours; RETENTION_DAYS is at
 * least 2, so a pruned row can no longer be redelivered.
 */
export const InboxPruner = retentionPruner('inbox retention', [
  {
    what: 'finished inbox events',
    deleteBatch: `DELETE FROM inbox_events WHERE id IN (
                    SELECT id FROM inbox_events WHERE status IN ('processed', 'skipped', 'failed') AND updated_at < $1 LIMIT $2)`,
  },
]);
