import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * inbox_events.lane_key: `<ig account id>:<sender IGSID>`, the contact's lane. A lane's unfinished rows are applied
 * one at a time in id order, by whichever worker holds the lane (InboxLanes); different lanes run in parallel.
 * The partial index finds a lane's oldest unfinished row. Unfinished rows from before get their key here.
 */
export class InboxLanes1765500000000 implements MigrationInterface {
  name = 'InboxLanes1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE inbox_events ADD COLUMN lane_key text');
    await queryRunner.query(
      `UPDATE inbox_events SET lane_key = ig_account_id || ':' || (inbound->>'senderId')
        WHERE status IN ('pending', 'recorded') AND inbound->>'senderId' IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX inbox_events_unfinished_lane ON inbox_events (lane_key, id) WHERE status IN ('pending', 'recorded') AND lane_key IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX inbox_events_unfinished_lane');
    await queryRunner.query('ALTER TABLE inbox_events DROP COLUMN lane_key');
  }
}
