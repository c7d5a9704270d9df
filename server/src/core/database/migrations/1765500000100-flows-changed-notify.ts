import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NOTIFY dmflow_flows_changed (payload: the account id) when a flow's liveness changes (created, published,
 * enabled, disabled, deleted, moved to another Instagram account) or a next-post trigger binds: every process's
 * cache of live triggers drops that account at the writer's commit, whoever the writer is (API, CLI, a script).
 */
export class FlowsChangedNotify1765500000100 implements MigrationInterface {
  name = 'FlowsChangedNotify1765500000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION dmflow_notify_flows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'flow_post_bindings' THEN
          PERFORM pg_notify('dmflow_flows_changed', (SELECT account_id::text FROM flows WHERE id = NEW.flow_id));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('dmflow_flows_changed', OLD.account_id::text);
        ELSE
          PERFORM pg_notify('dmflow_flows_changed', NEW.account_id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER flows_changed_notify AFTER INSERT OR DELETE OR UPDATE OF enabled, deleted_at, published_version_id, instagram_account_id
        ON flows FOR EACH ROW EXECUTE FUNCTION dmflow_notify_flows_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER flow_post_bindings_notify AFTER INSERT OR UPDATE ON flow_post_bindings
        FOR EACH ROW EXECUTE FUNCTION dmflow_notify_flows_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER flow_post_bindings_notify ON flow_post_bindings');
    await queryRunner.query('DROP TRIGGER flows_changed_notify ON flows');
    await queryRunner.query('DROP FUNCTION dmflow_notify_flows_changed()');
  }
}
