import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePlansIdempotencySends1764100000000 implements MigrationInterface {
  name = 'CreatePlansIdempotencySends1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE accounts ADD COLUMN hourly_limit_override integer CHECK (hourly_limit_override > 0)`);
    // One row per (account, Idempotency-Key): the first request claims it, later ones replay its response.
    await queryRunner.query(`
      CREATE TABLE api_idempotency_keys (
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (account_id, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX api_idempotency_keys_created ON api_idempotency_keys (created_at)`);
    // Every Graph API send made with an idempotency key: a send already made is never made again.
    await queryRunner.query(`
      CREATE TABLE outbound_sends (
        idempotency_key text PRIMARY KEY,
        instagram_account_id uuid NOT NULL REFERENCES instagram_accounts(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('sending', 'sent')),
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE outbound_sends');
    await queryRunner.query('DROP TABLE api_idempotency_keys');
    await queryRunner.query('ALTER TABLE accounts DROP COLUMN hourly_limit_override');
  }
}
