import type { Effect, EffectType } from '@dmflow/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `skipped`: not executed because an earlier effect of the run failed; a retry from the failed step puts it back. */
export type RunEffectStatus = 'pending' | 'done' | 'failed' | 'skipped';

/** The outbox: effects written in the transaction that saved the run's snapshot, executed afterwards in id order. */
@Entity('run_effects')
export class RunEffect {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'run_id' })
  runId: string;

  /** The machine's stable key, `<runId>:<seq>:<index>`: the idempotency key sent to receivers. */
  @Column('text', { name: 'effect_key' })
  effectKey: string;

  @Column('text', { name: 'effect_type' })
  effectType: EffectType;

  @Column('text', { name: 'node_id' })
  nodeId: string;

  @Column('jsonb')
  effect: Effect;

  @Column('text')
  status: RunEffectStatus;

  @Column('integer')
  attempts: number;

  @Column('jsonb', { nullable: true })
  result: Record<string, unknown> | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  /** The run step (`run_steps.ordinal`) that produced it. */
  @Column('integer', { name: 'step_ordinal', nullable: true })
  stepOrdinal: number | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'executed_at', nullable: true })
  executedAt: Date | null;

  /** The worker executing an outbound effect, while its lease (`claimed_until`) runs: no transaction is open during the call. */
  @Column('uuid', { name: 'claim_id', nullable: true })
  claimId: string | null;

  @Column('timestamptz', { name: 'claimed_until', nullable: true })
  claimedUntil: Date | null;

  /** The boot of the process holding the claim (ProcessLiveness): a dead one's claim is taken over at once. */
  @Column('uuid', { name: 'claim_boot', nullable: true })
  claimBoot: string | null;
}
