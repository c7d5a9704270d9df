import type { PersistedRunSnapshot, TriggerContext } from '@dmflow/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * - active: the run waits for one of its own effects (an HTTP request's response);
 * - waiting: it waits for the contact or a timer;
 * - completed / failed / cancelled: ended;
 * - in_doubt: stopped at a send nobody could settle with Meta (unreachable past SENDS_RECONCILE_DEADLINE_MS); a person retries it.
 */
export const RUN_STATUSES = ['active', 'waiting', 'completed', 'failed', 'cancelled', 'in_doubt'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const OPEN_RUN_STATUSES: readonly RunStatus[] = ['active', 'waiting'];

/** One contact in one published flow version; its XState snapshot is the truth about where it is. */
@Entity('flow_runs')
export class FlowRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('uuid', { name: 'flow_id' })
  flowId: string;

  @Column('uuid', { name: 'flow_version_id' })
  flowVersionId: string;

  @Column('uuid', { name: 'contact_id' })
  contactId: string;

  @Column('text')
  status: RunStatus;

  @Column('text', { name: 'current_node_id' })
  currentNodeId: string;

  @Column('jsonb')
  snapshot: PersistedRunSnapshot;

  @Column('jsonb')
  trigger: TriggerContext;

  /** Optimistic lock: every update checks and bumps it. */
  @Column('integer')
  version: number;

  @Column('text', { nullable: true })
  error: string | null;

  /** Where a failed run stopped: the node of the effect that gave up, or the node the machine failed at. */
  @Column('text', { name: 'failed_node_id', nullable: true })
  failedNodeId: string | null;

  /** The outbox effect that gave up (null when the machine itself failed). */
  @Column('bigint', { name: 'failed_effect_id', nullable: true })
  failedEffectId: string | null;

  /** The failed run this one retries from the start. */
  @Column('uuid', { name: 'retry_of_run_id', nullable: true })
  retryOfRunId: string | null;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;
}
