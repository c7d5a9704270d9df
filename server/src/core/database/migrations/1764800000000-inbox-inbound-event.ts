import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * inbox_events.inbound: the event as routing reads it, normalized once when the webhook arrives. NULL on rows
 * stored before this migration; the inbox normalizes their raw `event` when it hands them out.
 */
export class InboxInboundEvent1764800000000 implements MigrationInterface {
  name = 'InboxInboundEvent1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE inbox_events ADD COLUMN inbound jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE inbox_events DROP COLUMN inbound');
  }
}
