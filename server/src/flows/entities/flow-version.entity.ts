import type { FlowGraph } from '@dmflow/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An immutable published graph. Runs always execute a version, never the draft. */
@Entity('flow_versions')
export class FlowVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'flow_id' })
  flowId: string;

  @Column('integer')
  version: number;

  @Column('jsonb')
  graph: FlowGraph;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;
}
