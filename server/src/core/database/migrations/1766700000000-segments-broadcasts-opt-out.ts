import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Broadcasts to saved segments, and opt-out.
 * - contacts.unsubscribed_at: set when the person sent a stop keyword (or was unsubscribed by hand); such a contact
 *   gets no broadcast and starts no flow until the re-subscribe keyword.
 * - opt_out_settings: each workspace's stop and re-subscribe keywords (defaults apply without a row).
 * - segments: a saved contact filter. broadcasts: one send to a segment, worked by whichever worker holds its lease.
 * - broadcast_recipients: the segment frozen when sending starts, one row per contact; the row's status is the
 *   cursor, so a worker that crashed mid-way resumes with the pending rows.
 */
export class SegmentsBroadcastsOptOut1766700000000 implements MigrationInterface {
  name = 'SegmentsBroadcastsOptOut1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE contacts ADD COLUMN unsubscribed_at timestamptz');
    await queryRunner.query(
      `CREATE TABLE opt_out_settings (
         account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
         stop_keywords text[] NOT NULL,
         resubscribe_keywords text[] NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query(
      `CREATE TABLE segments (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
         name text NOT NULL,
         filter jsonb NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query('CREATE INDEX segments_account_page ON segments (account_id, created_at, id)');
    await queryRunner.query(
      `CREATE TABLE broadcasts (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
         instagram_account_id uuid NOT NULL,
         segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE RESTRICT,
         name text NOT NULL,
         message jsonb,
         flow_id uuid,
         sends_per_second integer NOT NULL,
         status text NOT NULL,
         scheduled_at timestamptz NOT NULL,
         lease_until timestamptz,
         recipients_frozen_at timestamptz,
         started_at timestamptz,
         finished_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query('CREATE INDEX broadcasts_account_page ON broadcasts (account_id, created_at, id)');
    await queryRunner.query(`CREATE INDEX broadcasts_due ON broadcasts (scheduled_at) WHERE status IN ('scheduled', 'sending')`);
    await queryRunner.query(
      `CREATE TABLE broadcast_recipients (
         broadcast_id uuid NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
         contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
         status text NOT NULL,
         reason text,
         done_at timestamptz,
         PRIMARY KEY (broadcast_id, contact_id)
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX broadcast_recipients_pending ON broadcast_recipients (broadcast_id, contact_id) WHERE status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE broadcast_recipients');
    await queryRunner.query('DROP TABLE broadcasts');
    await queryRunner.query('DROP TABLE segments');
    await queryRunner.query('DROP TABLE opt_out_settings');
    await queryRunner.query('ALTER TABLE contacts DROP COLUMN unsubscribed_at');
  }
}
