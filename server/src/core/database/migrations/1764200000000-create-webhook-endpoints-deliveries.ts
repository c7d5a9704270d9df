import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWebhookEndpointsDeliveries1764200000000 implements MigrationInterface {
  name = 'CreateWebhookEndpointsDeliveries1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        url text NOT NULL,
        description text,
        secret_encrypted text NOT NULL,
        events text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        extra_headers_encrypted text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX webhook_endpoints_account ON webhook_endpoints (account_id, created_at, id)`);
    // The relay marks an event once it has been fanned out into deliveries; unrelayed events are found by this index.
    await queryRunner.query(`ALTER TABLE webhook_events ADD COLUMN relayed_at timestamptz`);
    await queryRunner.query(`CREATE INDEX webhook_events_unrelayed ON webhook_events (sequence) WHERE relayed_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
        event_sequence bigint NOT NULL,
        event_type text NOT NULL,
        ordering_key text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'sending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        leased_at timestamptz,
        first_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (endpoint_id, event_id)
      )`);
    await queryRunner.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_leased ON webhook_deliveries (leased_at) WHERE status IN ('queued', 'sending')`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_chain ON webhook_deliveries (endpoint_id, ordering_key, event_sequence) WHERE status IN ('pending', 'queued', 'sending')`,
    );
    await queryRunner.query(`CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE webhook_delivery_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        succeeded boolean NOT NULL,
        status_code integer,
        latency_ms integer NOT NULL,
        response_snippet text,
        error text,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (delivery_id, attempt)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_delivery_attempts');
    await queryRunner.query('DROP TABLE webhook_deliveries');
    await queryRunner.query('DROP INDEX webhook_events_unrelayed');
    await queryRunner.query('ALTER TABLE webhook_events DROP COLUMN relayed_at');
    await queryRunner.query('DROP TABLE webhook_endpoints');
  }
}
