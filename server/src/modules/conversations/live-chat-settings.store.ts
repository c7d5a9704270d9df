import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The one owner of `live_chat_settings` (a workspace without a row has the defaults). */
@Injectable()
export class LiveChatSettingsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async humanAgentEnabled(accountId: string): Promise<boolean> {
    const rows = await this.dataSource.query<Array<{ enabled: boolean }>>(
      'SELECT human_agent_enabled AS enabled FROM live_chat_settings WHERE account_id = $1',
      [accountId],
    );
    return rows[0]?.enabled ?? false;
  }

  async setHumanAgentEnabled(accountId: string, enabled: boolean): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO live_chat_settings (account_id, human_agent_enabled) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET human_agent_enabled = EXCLUDED.human_agent_enabled, updated_at = now()`,
      [accountId, enabled],
    );
  }

  /**
   * Round robin: the candidate after the last one picked (by id order), recorded in the same statement, so concurrent
   * hand-overs take turns across processes.
   */
  async nextInTurn(accountId: string, candidates: string[]): Promise<string | null> {
    if (!candidates.length) return null;
    const sorted = [...candidates].sort();
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO live_chat_settings (account_id) VALUES ($1) ON CONFLICT DO NOTHING`, [accountId]);
      const [row] = await manager.query<Array<{ last: string | null }>>(
        'SELECT last_assigned_user_id::text AS last FROM live_chat_settings WHERE account_id = $1 FOR UPDATE',
        [accountId],
      );
      const next = sorted.find((id) => row.last === null || id > row.last) ?? sorted[0];
      await manager.query('UPDATE live_chat_settings SET last_assigned_user_id = $2, updated_at = now() WHERE account_id = $1', [
        accountId,
        next,
      ]);
      return next;
    });
  }
}
