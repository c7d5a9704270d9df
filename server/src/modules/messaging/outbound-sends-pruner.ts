import { retentionPruner } from '../../core/housekeeping/retention-pruner';

/**
 * Records of completed sends. An effect marked done never runs again, so an old `sent` row guards nothing; rows
 * still `sending` (a send left in doubt by a crash) are kept so that it is never repeated.
 */
export const OutboundSendsPruner = retentionPruner('sent messages retention', [
  {
    what: 'completed sends',
    deleteBatch: `DELETE FROM outbound_sends WHERE idempotency_key IN (
                    SELECT idempotency_key FROM outbound_sends WHERE status = 'sent' AND created_at < $1 LIMIT $2)`,
  },
]);
