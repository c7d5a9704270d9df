import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Instagram account may move to another dmflow account after being disconnected; the new owner gets a new row,
 * so the previous owner's contacts and runs never become visible to it. Only one active connection per IG id.
 */
export class InstagramAccountPerOwner1763900000200 implements MigrationInterface {
  name = 'InstagramAccountPerOwner1763900000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX instagram_accounts_ig_user_id');
    await queryRunner.query(
      'CREATE UNIQUE INDEX instagram_accounts_active_ig_user_id ON instagram_accounts (ig_user_id) WHERE disconnected_at IS NULL',
    );
    await queryRunner.query('CREATE INDEX instagram_accounts_ig_user_id ON instagram_accounts (ig_user_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX instagram_accounts_ig_user_id');
    await queryRunner.query('DROP INDEX instagram_accounts_active_ig_user_id');
    await queryRunner.query('CREATE UNIQUE INDEX instagram_accounts_ig_user_id ON instagram_accounts (ig_user_id)');
  }
}
