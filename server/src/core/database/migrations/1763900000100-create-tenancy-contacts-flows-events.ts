import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTenancyContactsFlowsEvents1763900000100 implements MigrationInterface {
  name = 'CreateTenancyContactsFlowsEvents1763900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE accounts ADD COLUMN credits integer NOT NULL DEFAULT 0 CHECK (credits >= 0)`);
    await queryRunner.query(`
      CREATE TABLE instagram_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        ig_user_id text NOT NULL,
        username text NOT NULL,
        access_token_encrypted text,
        connected_at timestamptz NOT NULL DEFAULT now(),
        disconnected_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX instagram_accounts_ig_user_id ON instagram_accounts (ig_user_id)`);
    await queryRunner.query(`CREATE INDEX instagram_accounts_account ON instagram_accounts (account_id)`);
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_account ON api_keys (account_id)`);
    await queryRunner.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        instagram_account_id uuid NOT NULL REFERENCES instagram_accounts(id) ON DELETE CASCADE,
        ig_user_id text NOT NULL,
        username text,
        tags text[] NOT NULL DEFAULT '{}',
        variables jsonb NOT NULL DEFAULT '{}',
        last_inbound_at timestamptz,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX contacts_ig_identity ON contacts (instagram_account_id, ig_user_id)`);
    await queryRunner.query(`CREATE INDEX contacts_account ON contacts (account_id, id)`);
    await queryRunner.query(`
      CREATE TABLE flows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        instagram_account_id uuid REFERENCES instagram_accounts(id) ON DELETE SET NULL,
        name text NOT NULL,
        draft jsonb NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        published_version_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX flows_account ON flows (account_id, id)`);
    await queryRunner.query(`
      CREATE TABLE flow_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flow_id uuid NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
        version integer NOT NULL,
        graph jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (flow_id, version)
      )`);
    await queryRunner.query(
      `ALTER TABLE flows ADD CONSTRAINT flows_published_version FOREIGN KEY (published_version_id) REFERENCES flow_versions(id) ON DELETE SET NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sequence bigserial NOT NULL UNIQUE,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        event_type text NOT NULL,
        ordering_key text,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX webhook_events_account ON webhook_events (account_id, sequence)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_events');
    await queryRunner.query('ALTER TABLE flows DROP CONSTRAINT flows_published_version');
    await queryRunner.query('DROP TABLE flow_versions');
    await queryRunner.query('DROP TABLE flows');
    await queryRunner.query('DROP TABLE contacts');
    await queryRunner.query('DROP TABLE api_keys');
    await queryRunner.query('DROP TABLE instagram_accounts');
    await queryRunner.query('ALTER TABLE accounts DROP COLUMN credits');
  }
}
