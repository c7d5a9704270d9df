import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NOTIFY dmflow_flows_changed (payload: the account id) when an account's opt-out keywords change: routing keeps them
 * in memory next to the account's live triggers (FlowTriggersService), and every process drops that account's
 * entries at the writer's commit, as for its flows (migration 1765500000100, whose function this reuses).
 */
export class OptOutSettingsNotify1766840000000 implements MigrationInterface {
  name = 'OptOutSettingsNotify1766840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TRIGGER opt_out_settings_notify AFTER INSERT OR DELETE OR UPDATE ON opt_out_settings
        FOR EACH ROW EXECUTE FUNCTION dmflow_notify_flows_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER opt_out_settings_notify ON opt_out_settings');
  }
}
