import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A workspace's AI provider (an OpenAI-compatible endpoint, its API key sealed with ENCRYPTION_KEY, a monthly token
 * budget) and one usage row per model call. No row in ai_settings = the offline `local` provider.
 */
export class CreateAiSettingsUsage1766300000000 implements MigrationInterface {
  name = 'CreateAiSettingsUsage1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ai_settings (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        provider text NOT NULL CHECK (provider IN ('local', 'openai_compatible')),
        base_url text,
        model text,
        api_key_sealed text,
        monthly_token_budget integer CHECK (monthly_token_budget >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // run_id and flow_id carry no foreign key: usage outlives pruned runs and deleted flows (the month's bill stands).
    await queryRunner.query(`
      CREATE TABLE ai_usage (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        effect_key text UNIQUE,
        run_id uuid,
        flow_id uuid,
        purpose text NOT NULL,
        model text NOT NULL,
        tokens_in integer NOT NULL,
        tokens_out integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ai_usage_account_created ON ai_usage (account_id, created_at)');
    await queryRunner.query('CREATE INDEX ai_usage_flow_created ON ai_usage (flow_id, created_at)');
    await queryRunner.query('CREATE INDEX ai_usage_run ON ai_usage (run_id)');
    // An AI reply reads the person's last messages: what they wrote (inbox) and what runs sent them (run effects).
    await queryRunner.query(`CREATE INDEX inbox_events_contact_messages ON inbox_events (contact_id, received_at) WHERE kind = 'message'`);
    await queryRunner.query('CREATE INDEX flow_runs_contact ON flow_runs (contact_id, started_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX flow_runs_contact');
    await queryRunner.query('DROP INDEX inbox_events_contact_messages');
    await queryRunner.query('DROP TABLE ai_usage');
    await queryRunner.query('DROP TABLE ai_settings');
  }
}
