import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An Instagram professional account connected to a dmflow account. The token is stored encrypted. */
@Entity('instagram_accounts')
export class InstagramAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('text', { name: 'ig_user_id' })
  igUserId: string;

  @Column('text')
  username: string;

  @Column('text', { name: 'access_token_encrypted', nullable: true })
  accessTokenEncrypted: string | null;

  @Column('timestamptz', { name: 'connected_at' })
  connectedAt: Date;

  @Column('timestamptz', { name: 'disconnected_at', nullable: true })
  disconnectedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
