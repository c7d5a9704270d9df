import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes for the hourly retention pruning, so it never scans whole tables. */
export class RetentionIndexes1764700000000 implements MigrationInterface {
  name = 'RetentionIndexes1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX inbox_events_finished ON inbox_events (updated_at) WHERE status IN ('processed', 'skipped', 'failed')`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (completed_at) WHERE status IN ('succeeded', 'failed')`,
    );
    // Also serves the cascade from webhook_events, which otherwise scans every delivery per deleted event.
    await queryRunner.query(`CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id)`);
    await queryRunner.query(`CREATE INDEX webhook_events_relayed ON webhook_events (relayed_at) WHERE relayed_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX outbound_sends_sent ON outbound_sends (created_at) WHERE status = 'sent'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX outbound_sends_sent');
    await queryRunner.query('DROP INDEX webhook_events_relayed');
    await queryRunner.query('DROP INDEX webhook_deliveries_event');
    await queryRunner.query('DROP INDEX webhook_deliveries_finished');
    await queryRunner.query('DROP INDEX inbox_events_finished');
  }
}
