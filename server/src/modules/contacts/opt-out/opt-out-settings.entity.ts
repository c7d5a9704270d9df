import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A workspace's own opt-out keywords; without a row the defaults (STOP / START) apply. */
@Entity('opt_out_settings')
export class OptOutSettings {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId: string;

  @Column('text', { name: 'stop_keywords', array: true })
  stopKeywords: string[];

  @Column('text', { name: 'resubscribe_keywords', array: true })
  resubscribeKeywords: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
