import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFlowRuns1764000000000 implements MigrationInterface {
  name = 'CreateFlowRuns1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE flow_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        flow_id uuid NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
        flow_version_id uuid NOT NULL REFERENCES flow_versions(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('active', 'waiting', 'completed', 'failed', 'cancelled')),
        current_node_id text NOT NULL,
        snapshot jsonb NOT NULL,
        trigger jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    // One open run per contact per flow: a new trigger while a run is open keeps the old run.
    await queryRunner.query(
      `CREATE UNIQUE INDEX flow_runs_one_open ON flow_runs (flow_id, contact_id) WHERE status IN ('active', 'waiting')`,
    );
    await queryRunner.query(
      `CREATE INDEX flow_runs_contact_open ON flow_runs (contact_id, updated_at) WHERE status IN ('active', 'waiting')`,
    );
    await queryRunner.query(`CREATE INDEX flow_runs_flow ON flow_runs (flow_id, contact_id)`);
    await queryRunner.query(`
      CREATE TABLE run_effects (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES flow_runs(id) ON DELETE CASCADE,
        effect_key text NOT NULL UNIQUE,
        effect_type text NOT NULL,
        node_id text NOT NULL,
        effect jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        result jsonb,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        executed_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX run_effects_pending ON run_effects (run_id, id) WHERE status = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE run_effects');
    await queryRunner.query('DROP TABLE flow_runs');
  }
}
