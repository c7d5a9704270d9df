import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_OPT_OUT_KEYWORDS, type OptOutKeywords } from './opt-out-keywords';
import { OptOutSettings } from './opt-out-settings.entity';

/** The one owner of the `opt_out_settings` table. */
@Injectable()
export class OptOutSettingsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async keywordsOf(accountId: string): Promise<OptOutKeywords> {
    const row = await this.dataSource.manager.findOneBy(OptOutSettings, { accountId });
    return row ? { stop: row.stopKeywords, resubscribe: row.resubscribeKeywords } : DEFAULT_OPT_OUT_KEYWORDS;
  }

  async save(accountId: string, keywords: OptOutKeywords): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO opt_out_settings (account_id, stop_keywords, resubscribe_keywords) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET stop_keywords = $2, resubscribe_keywords = $3, updated_at = now()`,
      [accountId, keywords.stop, keywords.resubscribe],
    );
  }
}
