import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbound effect (a DM, an HTTP block's request) is claimed in one short transaction and recorded in another,
 * with no transaction open during the call: the claim is a lease, renewed while the call runs, that another worker
 * respects and takes over once it lapses (the worker died).
 */
export class RunEffectClaims1765300000000 implements MigrationInterface {
  name = 'RunEffectClaims1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE run_effects ADD COLUMN claim_id uuid, ADD COLUMN claimed_until timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE run_effects DROP COLUMN claimed_until, DROP COLUMN claim_id`);
  }
}
