import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NOTIFY dmflow_flows_changed (payload: the account id) when an Instagram account is connected, disconnected,
 * deleted or moves: the ingest path keeps which Instagram accounts are connected in memory (ConnectedIgAccounts), and
 * every process drops that account's entries at the writer's commit, as for its flows (migration 1765500000100).
 * A move notifies both the old and the new account.
 */
export class InstagramAccountsNotify1766880000000 implements MigrationInterface {
  name = 'InstagramAccountsNotify1766880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION dmflow_notify_instagram_accounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM pg_notify('dmflow_flows_changed', OLD.account_id::text);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.account_id IS DISTINCT FROM OLD.account_id) THEN
          PERFORM pg_notify('dmflow_flows_changed', NEW.account_id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER instagram_accounts_notify AFTER INSERT OR DELETE OR UPDATE OF disconnected_at, ig_user_id, account_id
        ON instagram_accounts FOR EACH ROW EXECUTE FUNCTION dmflow_notify_instagram_accounts_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER instagram_accounts_notify ON instagram_accounts');
    await queryRunner.query('DROP FUNCTION dmflow_notify_instagram_accounts_changed()');
  }
}
