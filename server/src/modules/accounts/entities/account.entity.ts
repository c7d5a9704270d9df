import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('accounts')
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  plan: string;

  @Column('integer')
  credits: number;

  /** An operator's override of the plan's hourly /api-webhook limit; null = the plan's. */
  @Column('integer', { name: 'hourly_limit_override', nullable: true })
  hourlyLimitOverride: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
