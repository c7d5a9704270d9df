import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookSecretRotationGrace1764200000100 implements MigrationInterface {
  name = 'WebhookSecretRotationGrace1764200000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // After a rotation the previous secret still signs webhook-signature for a while, so receivers can switch without losing events.
    await queryRunner.query(
      `ALTER TABLE webhook_endpoints ADD COLUMN previous_secret_encrypted text, ADD COLUMN previous_secret_expires_at timestamptz`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_endpoints DROP COLUMN previous_secret_encrypted, DROP COLUMN previous_secret_expires_at`);
  }
}
