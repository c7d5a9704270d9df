import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each connected Instagram account's time zone (smart delays' business hours) and locale (date answers). */
export class InstagramAccountClock1766810000000 implements MigrationInterface {
  name = 'InstagramAccountClock1766810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE instagram_accounts
        ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC',
        ADD COLUMN locale text NOT NULL DEFAULT 'en-US'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE instagram_accounts DROP COLUMN time_zone, DROP COLUMN locale`);
  }
}
