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

  /** The draft revision this version froze, so the editor can tell whether the draft changed since. */
  @Column('integer', { name: 'draft_revision', nullable: true })
  draftRevision: number | null;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;
}
