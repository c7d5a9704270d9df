import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One visit of a run to a node: written with the run's snapshot; the open one (no exited_at) is where the run is or stopped. */
@Entity('run_steps')
export class RunStepRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'run_id' })
  runId: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('uuid', { name: 'flow_id' })
  flowId: string;

  @Column('uuid', { name: 'flow_version_id' })
  flowVersionId: string;

  @Column('text', { name: 'node_id' })
  nodeId: string;

  @Column('text', { name: 'node_type' })
  nodeType: string;

  /** 1-based position in the run's history. */
  @Column('integer')
  ordinal: number;

  @Column('timestamptz', { name: 'entered_at' })
  enteredAt: Date;

  @Column('timestamptz', { name: 'exited_at', nullable: true })
  exitedAt: Date | null;

  /** The port the run left by; null while open, and for an end node. */
  @Column('text', { name: 'exit_port', nullable: true })
  exitPort: string | null;
}
