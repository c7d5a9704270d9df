import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One HTTP POST of a delivery: the delivery log shows these. */
@Entity('webhook_delivery_attempts')
export class WebhookDeliveryAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'delivery_id' })
  deliveryId: string;

  @Column('integer')
  attempt: number;

  @Column('boolean')
  succeeded: boolean;

  @Column('integer', { name: 'status_code', nullable: true })
  statusCode: number | null;

  @Column('integer', { name: 'latency_ms' })
  latencyMs: number;

  @Column('text', { name: 'response_snippet', nullable: true })
  responseSnippet: string | null;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('timestamptz', { name: 'attempted_at' })
  attemptedAt: Date;
}
