import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Next post" comment triggers: the post a flow got bound to (the first one published after the flow went live
 * to receive a comment), and the publication times of posts we looked up, which never change.
 */
export class NextPostBindings1764700000100 implements MigrationInterface {
  name = 'NextPostBindings1764700000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE flow_post_bindings (
        flow_id uuid PRIMARY KEY REFERENCES flows(id) ON DELETE CASCADE,
        media_id text NOT NULL,
        media_published_at timestamptz NOT NULL,
        bound_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE instagram_media (
        instagram_account_id uuid NOT NULL REFERENCES instagram_accounts(id) ON DELETE CASCADE,
        media_id text NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (instagram_account_id, media_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE instagram_media');
    await queryRunner.query('DROP TABLE flow_post_bindings');
  }
}
