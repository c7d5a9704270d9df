import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims carry the boot id of the process that made them (ProcessLiveness): a claim whose process died is taken over
 * at once, instead of when its lease runs out. Null for claims made before this migration: those wait for the lease.
 */
export class ClaimBoots1766000000000 implements MigrationInterface {
  name = 'ClaimBoots1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE run_effects ADD COLUMN claim_boot uuid`);
    await queryRunner.query(`ALTER TABLE outbound_sends ADD COLUMN claim_boot uuid`);
    await queryRunner.query(`ALTER TABLE webhook_deliveries ADD COLUMN leased_by_boot uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_deliveries DROP COLUMN leased_by_boot`);
    await queryRunner.query(`ALTER TABLE outbound_sends DROP COLUMN claim_boot`);
    await queryRunner.query(`ALTER TABLE run_effects DROP COLUMN claim_boot`);
  }
}
