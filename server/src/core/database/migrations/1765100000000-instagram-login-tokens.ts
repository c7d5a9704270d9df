import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business Login for Instagram: the profile /me answers, when the stored token expires and was last refreshed (the
 * refresh job's claim rides on `token_refresh_attempted_at`), and the connection's status. `needs_reconnect` rows
 * still own their Instagram id while disconnected_at is null (Meta refused the token), or lost it to a workspace that
 * proved ownership (disconnected_at set, reason connected_elsewhere); a row disconnected by its owner is `disconnected`.
 */
export class InstagramLoginTokens1765100000000 implements MigrationInterface {
  name = 'InstagramLoginTokens1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE instagram_accounts
        ADD COLUMN status text NOT NULL DEFAULT 'connected'
          CONSTRAINT instagram_accounts_status CHECK (status IN ('connected', 'needs_reconnect', 'disconnected')),
        ADD COLUMN needs_reconnect_reason text,
        ADD COLUMN profile_picture_url text,
        ADD COLUMN token_expires_at timestamptz,
        ADD COLUMN token_refreshed_at timestamptz,
        ADD COLUMN token_refresh_attempted_at timestamptz`);
    await queryRunner.query(`UPDATE instagram_accounts SET status = 'disconnected' WHERE disconnected_at IS NOT NULL`);
    await queryRunner.query(`UPDATE instagram_accounts SET token_refreshed_at = connected_at WHERE access_token_encrypted IS NOT NULL`);
    await queryRunner.query(`
      CREATE INDEX instagram_accounts_token_refresh ON instagram_accounts (token_expires_at)
        WHERE status = 'connected' AND disconnected_at IS NULL AND access_token_encrypted IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX instagram_accounts_token_refresh');
    await queryRunner.query(`
      ALTER TABLE instagram_accounts
        DROP COLUMN status, DROP COLUMN needs_reconnect_reason, DROP COLUMN profile_picture_url,
        DROP COLUMN token_expires_at, DROP COLUMN token_refreshed_at, DROP COLUMN token_refresh_attempted_at`);
  }
}
