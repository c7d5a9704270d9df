import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A send in doubt is reconciled with Meta: `in_doubt_since` is when its reconciliation began (its deadline counts
 * from there). A run whose send could not be reconciled before the deadline stops as `in_doubt` until a person retries it.
 */
export class SendsInDoubt1765400000000 implements MigrationInterface {
  name = 'SendsInDoubt1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbound_sends ADD COLUMN in_doubt_since timestamptz`);
    await queryRunner.query(`ALTER TABLE flow_runs DROP CONSTRAINT flow_runs_status_check`);
    await queryRunner.query(
      `ALTER TABLE flow_runs ADD CONSTRAINT flow_runs_status_check CHECK (status IN ('active', 'waiting', 'completed', 'failed', 'cancelled', 'in_doubt'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE flow_runs SET status = 'failed' WHERE status = 'in_doubt'`);
    await queryRunner.query(`ALTER TABLE flow_runs DROP CONSTRAINT flow_runs_status_check`);
    await queryRunner.query(
      `ALTER TABLE flow_runs ADD CONSTRAINT flow_runs_status_check CHECK (status IN ('active', 'waiting', 'completed', 'failed', 'cancelled'))`,
    );
    await queryRunner.query(`ALTER TABLE outbound_sends DROP COLUMN in_doubt_since`);
  }
}
