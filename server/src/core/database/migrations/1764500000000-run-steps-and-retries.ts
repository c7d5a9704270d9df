import { MigrationInterface, QueryRunner } from 'typeorm';

export class RunStepsAndRetries1764500000000 implements MigrationInterface {
  name = 'RunStepsAndRetries1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE run_steps (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES flow_runs(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        flow_id uuid NOT NULL,
        flow_version_id uuid NOT NULL,
        node_id text NOT NULL,
        node_type text NOT NULL,
        ordinal integer NOT NULL,
        entered_at timestamptz NOT NULL,
        exited_at timestamptz,
        exit_port text
      )`);
    // A run's history in order; unique so two writers of the same run can never interleave steps.
    await queryRunner.query('CREATE UNIQUE INDEX run_steps_run ON run_steps (run_id, ordinal)');
    // Per-node analytics of one version: visits and exit ports grouped by node.
    await queryRunner.query(
      'CREATE INDEX run_steps_version_node ON run_steps (flow_version_id, node_id) INCLUDE (run_id, exit_port, exited_at)',
    );
    await queryRunner.query('CREATE INDEX flow_runs_version_started ON flow_runs (flow_version_id, started_at)');

    await queryRunner.query(
      'ALTER TABLE flow_runs ADD COLUMN failed_node_id text, ADD COLUMN failed_effect_id bigint, ADD COLUMN retry_of_run_id uuid REFERENCES flow_runs(id) ON DELETE SET NULL',
    );
    // A failed run is retried from the start at most once: two retries at once make one new run.
    await queryRunner.query('CREATE UNIQUE INDEX flow_runs_one_retry ON flow_runs (retry_of_run_id) WHERE retry_of_run_id IS NOT NULL');

    // `skipped`: a pending effect not executed because an earlier effect of its run failed (retry puts it back).
    await queryRunner.query('ALTER TABLE run_effects DROP CONSTRAINT run_effects_status_check');
    await queryRunner.query(
      `ALTER TABLE run_effects ADD CONSTRAINT run_effects_status_check CHECK (status IN ('pending', 'done', 'failed', 'skipped'))`,
    );
    await queryRunner.query('ALTER TABLE run_effects ADD COLUMN step_ordinal integer');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE run_effects DROP COLUMN step_ordinal');
    await queryRunner.query(`UPDATE run_effects SET status = 'failed' WHERE status = 'skipped'`);
    await queryRunner.query('ALTER TABLE run_effects DROP CONSTRAINT run_effects_status_check');
    await queryRunner.query(
      `ALTER TABLE run_effects ADD CONSTRAINT run_effects_status_check CHECK (status IN ('pending', 'done', 'failed'))`,
    );
    await queryRunner.query('DROP INDEX flow_runs_one_retry');
    await queryRunner.query('ALTER TABLE flow_runs DROP COLUMN failed_node_id, DROP COLUMN failed_effect_id, DROP COLUMN retry_of_run_id');
    await queryRunner.query('DROP INDEX flow_runs_version_started');
    await queryRunner.query('DROP TABLE run_steps');
  }
}
