import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The connection trigger (migration 1766880000000) NOTIFYs on any change to an Instagram connection, not only on
 * connect, disconnect and moves: processes now also keep connected rows in memory (ConnectedInstagramAccountsCache),
 * whose token, status, time zone and locale must not outlive a change. Connections change rarely (nothing writes them
 * per event), so the flows caches sharing the channel are not dropped any more often in practice.
 */
export class InstagramAccountsNotifyAllChanges1766950000000 implements MigrationInterface {
  name = 'InstagramAccountsNotifyAllChanges1766950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER instagram_accounts_notify ON instagram_accounts');
    await queryRunner.query(`
      CREATE TRIGGER instagram_accounts_notify AFTER INSERT OR DELETE OR UPDATE
        ON instagram_accounts FOR EACH ROW EXECUTE FUNCTION dmflow_notify_instagram_accounts_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER instagram_accounts_notify ON instagram_accounts');
    await queryRunner.query(`
      CREATE TRIGGER instagram_accounts_notify AFTER INSERT OR DELETE OR UPDATE OF disconnected_at, ig_user_id, account_id
        ON instagram_accounts FOR EACH ROW EXECUTE FUNCTION dmflow_notify_instagram_accounts_changed()`);
  }
}
