import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and workspaces (issue 16): users sign in with email + password, belong to accounts (workspaces) through
 * memberships with a role, hold server-side sessions, and are invited by one-time links. API keys gain a scope.
 */
export class CreatePeopleSessions1765000000000 implements MigrationInterface {
  name = 'CreatePeopleSessions1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Emails are stored lower-cased; one person per address.
    await queryRunner.query(`CREATE UNIQUE INDEX users_email ON users (email)`);
    await queryRunner.query(`
      CREATE TABLE memberships (
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX memberships_user ON memberships (user_id)`);
    // Only the SHA-256 of the cookie's token is stored; the CSRF token is the synchronizer token of this session.
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        csrf_token text NOT NULL,
        current_account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX sessions_token_hash ON sessions (token_hash)`);
    await queryRunner.query(`CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE invites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
        token_hash text NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX invites_token_hash ON invites (token_hash)`);
    await queryRunner.query(`CREATE INDEX invites_account ON invites (account_id)`);
    await queryRunner.query(
      `ALTER TABLE api_keys ADD COLUMN scope text NOT NULL DEFAULT 'full' CHECK (scope IN ('full', 'api-webhook', 'read-only'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE api_keys DROP COLUMN scope');
    await queryRunner.query('DROP TABLE invites');
    await queryRunner.query('DROP TABLE sessions');
    await queryRunner.query('DROP TABLE memberships');
    await queryRunner.query('DROP TABLE users');
  }
}
