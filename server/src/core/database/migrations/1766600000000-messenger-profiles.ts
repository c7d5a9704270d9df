import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per Instagram account: its conversation starters (ice breakers) and persistent menu, and when Meta last took them. */
export class MessengerProfiles1766600000000 implements MigrationInterface {
  name = 'MessengerProfiles1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE messenger_profiles (
        instagram_account_id uuid PRIMARY KEY REFERENCES instagram_accounts(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        ice_breakers jsonb NOT NULL DEFAULT '[]'::jsonb,
        menu jsonb NOT NULL DEFAULT '[]'::jsonb,
        pushed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE messenger_profiles`);
  }
}
