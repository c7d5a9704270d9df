import type { IceBreaker, MenuItem } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StoredMessengerProfile {
  ice_breakers: IceBreaker[];
  menu: MenuItem[];
  pushedAt: Date | null;
  updatedAt: Date | null;
}

/** The messenger_profiles table: one row per Instagram account, written when someone saves it in the editor. */
@Injectable()
export class MessengerProfileStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(instagramAccountId: string): Promise<StoredMessengerProfile | null> {
    const rows: Array<{ ice_breakers: IceBreaker[]; menu: MenuItem[]; pushed_at: Date | null; updated_at: Date }> =
      await this.dataSource.query(
        `SELECT ice_breakers, menu, pushed_at, updated_at FROM messenger_profiles WHERE instagram_account_id = $1`,
        [instagramAccountId],
      );
    const row = rows[0];
    return row ? { ice_breakers: row.ice_breakers, menu: row.menu, pushedAt: row.pushed_at, updatedAt: row.updated_at } : null;
  }

  async save(accountId: string, instagramAccountId: string, profile: Pick<StoredMessengerProfile, 'ice_breakers' | 'menu'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO messenger_profiles (instagram_account_id, account_id, ice_breakers, menu, pushed_at, updated_at)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, NULL, now())
       ON CONFLICT (instagram_account_id) DO UPDATE SET ice_breakers = $3::jsonb, menu = $4::jsonb, pushed_at = NULL, updated_at = now()`,
      [instagramAccountId, accountId, JSON.stringify(profile.ice_breakers), JSON.stringify(profile.menu)],
    );
  }

  async markPushed(instagramAccountId: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE messenger_profiles SET pushed_at = $2 WHERE instagram_account_id = $1`, [instagramAccountId, at]);
  }
}
