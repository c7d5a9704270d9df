import type { FlowGraph } from '@dmflow/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A flow's editable draft; publishing freezes the draft into a FlowVersion. */
@Entity('flows')
export class Flow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('uuid', { name: 'instagram_account_id', nullable: true })
  instagramAccountId: string | null;

  @Column('text')
  name: string;

  @Column('jsonb')
  draft: FlowGraph;

  @Column('boolean')
  enabled: boolean;

  /** Bumped by every draft save; a save naming an older revision is refused (optimistic concurrency). */
  @Column('integer', { default: 1 })
  revision: number;

  @Column('uuid', { name: 'published_version_id', nullable: true })
  publishedVersionId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}
