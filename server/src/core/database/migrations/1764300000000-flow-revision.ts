import { MigrationInterface, QueryRunner } from 'typeorm';

/** A draft revision counter for optimistic concurrency: a save names the revision it edited, a stale one is refused. */
export class FlowRevision1764300000000 implements MigrationInterface {
  name = 'FlowRevision1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE flows ADD COLUMN revision integer NOT NULL DEFAULT 1');
    await queryRunner.query('ALTER TABLE flow_versions ADD COLUMN draft_revision integer');
    await queryRunner.query('CREATE INDEX flows_account_live ON flows (account_id, created_at, id) WHERE deleted_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX flows_account_live');
    await queryRunner.query('ALTER TABLE flow_versions DROP COLUMN draft_revision');
    await queryRunner.query('ALTER TABLE flows DROP COLUMN revision');
  }
}
