import { retentionPruner } from '../../core/housekeeping/retention-pruner';

/** Delivery logs (with their attempts) of finished deliveries, then events that no delivery refers to any more. */
export const WebhookPruner = retentionPruner('webhook retention', [
  {
    what: 'finished webhook deliveries',
    deleteBatch: `DELETE FROM webhook_deliveries WHERE id IN (
                    SELECT id FROM webhook_deliveries WHERE status IN ('succeeded', 'failed') AND completed_at < $1 LIMIT $2)`,
  },
  {
    what: 'relayed webhook events',
    deleteBatch: `DELETE FROM webhook_events WHERE id IN (
                    SELECT event.id FROM webhook_events event
                     WHERE event.relayed_at < $1
                       AND NOT EXISTS (SELECT 1 FROM webhook_deliveries delivery WHERE delivery.event_id = event.id)
                     LIMIT $2)`,
  },
]);
