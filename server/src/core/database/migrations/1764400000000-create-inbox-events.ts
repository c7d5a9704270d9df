import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInboxEvents1764400000000 implements MigrationInterface {
  name = 'CreateInboxEvents1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbox_events (
        id bigserial PRIMARY KEY,
        ig_account_id text NOT NULL,
        dedupe_key text NOT NULL,
        kind text NOT NULL,
        event jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'recorded', 'processed', 'skipped', 'failed')),
        outcome text,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        attempts integer NOT NULL DEFAULT 0,
        error text,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Meta delivers at least once: the same comment id / message mid is stored once and processed once.
    await queryRunner.query(`CREATE UNIQUE INDEX inbox_events_dedupe ON inbox_events (ig_account_id, dedupe_key)`);
    await queryRunner.query(`CREATE INDEX inbox_events_unfinished ON inbox_events (updated_at) WHERE status IN ('pending', 'recorded')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inbox_events');
  }
}
