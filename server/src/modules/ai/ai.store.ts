import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export const AI_PROVIDER_KINDS = ['local', 'openai_compatible'] as const;
export type AiProviderKind = (typeof AI_PROVIDER_KINDS)[number];

export interface AiSettingsRow {
  provider: AiProviderKind;
  baseUrl: string | null;
  model: string | null;
  apiKeySealed: string | null;
  monthlyTokenBudget: number | null;
  updatedAt: Date | null;
}

export interface AiUsageRecord {
  accountId: string;
  effectKey: string | null;
  runId: string | null;
  flowId: string | null;
  purpose: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
}

export interface TokenTotals {
  calls: number;
  tokensIn: number;
  tokensOut: number;
}

export interface FlowTokenTotals extends TokenTotals {
  flowId: string;
}

const LOCAL_SETTINGS: AiSettingsRow = {
  provider: 'local',
  baseUrl: null,
  model: null,
  apiKeySealed: null,
  monthlyTokenBudget: null,
  updatedAt: null,
};

interface TotalsRow {
  calls: string;
  tokens_in: string;
  tokens_out: string;
}

const totalsOf = (row: TotalsRow | undefined): TokenTotals => ({
  calls: Number(row?.calls ?? 0),
  tokensIn: Number(row?.tokens_in ?? 0),
  tokensOut: Number(row?.tokens_out ?? 0),
});

const TOTALS = 'count(*) AS calls, coalesce(sum(tokens_in), 0) AS tokens_in, coalesce(sum(tokens_out), 0) AS tokens_out';

/** The ai_settings and ai_usage tables. */
@Injectable()
export class AiStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async settings(accountId: string): Promise<AiSettingsRow> {
    const [row] = await this.dataSource.query<
      Array<{
        provider: AiProviderKind;
        base_url: string | null;
        model: string | null;
        api_key_sealed: string | null;
        monthly_token_budget: number | null;
        updated_at: Date;
      }>
    >('SELECT * FROM ai_settings WHERE account_id = $1', [accountId]);
    if (!row) return LOCAL_SETTINGS;
    return {
      provider: row.provider,
      baseUrl: row.base_url,
      model: row.model,
      apiKeySealed: row.api_key_sealed,
      monthlyTokenBudget: row.monthly_token_budget,
      updatedAt: row.updated_at,
    };
  }

  async saveSettings(accountId: string, settings: Omit<AiSettingsRow, 'updatedAt'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ai_settings (account_id, provider, base_url, model, api_key_sealed, monthly_token_budget, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (account_id) DO UPDATE SET provider = $2, base_url = $3, model = $4, api_key_sealed = $5,
         monthly_token_budget = $6, updated_at = now()`,
      [accountId, settings.provider, settings.baseUrl, settings.model, settings.apiKeySealed, settings.monthlyTokenBudget],
    );
  }

  /** In the caller's transaction (an effect's record): an effect's call is counted once however often it is recorded. */
  async recordUsage(manager: EntityManager | null, usage: AiUsageRecord): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO ai_usage (account_id, effect_key, run_id, flow_id, purpose, model, tokens_in, tokens_out)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (effect_key) DO NOTHING`,
      [usage.accountId, usage.effectKey, usage.runId, usage.flowId, usage.purpose, usage.model, usage.tokensIn, usage.tokensOut],
    );
  }

  async totalsSince(accountId: string, since: Date): Promise<TokenTotals> {
    const [row] = await this.dataSource.query<TotalsRow[]>(`SELECT ${TOTALS} FROM ai_usage WHERE account_id = $1 AND created_at >= $2`, [
      accountId,
      since,
    ]);
    return totalsOf(row);
  }

  async totalsByFlowSince(accountId: string, since: Date): Promise<FlowTokenTotals[]> {
    const rows = await this.dataSource.query<Array<TotalsRow & { flow_id: string }>>(
      `SELECT flow_id, ${TOTALS} FROM ai_usage WHERE account_id = $1 AND created_at >= $2 AND flow_id IS NOT NULL
        GROUP BY flow_id ORDER BY flow_id`,
      [accountId, since],
    );
    return rows.map((row) => ({ flowId: row.flow_id, ...totalsOf(row) }));
  }

  /** The runs that spent tokens lately, newest first. */
  async totalsByRunSince(accountId: string, since: Date, limit: number): Promise<Array<FlowTokenTotals & { runId: string }>> {
    const rows = await this.dataSource.query<Array<TotalsRow & { flow_id: string; run_id: string }>>(
      `SELECT run_id, min(flow_id::text) AS flow_id, ${TOTALS} FROM ai_usage
        WHERE account_id = $1 AND created_at >= $2 AND run_id IS NOT NULL
        GROUP BY run_id ORDER BY max(created_at) DESC LIMIT $3`,
      [accountId, since, limit],
    );
    return rows.map((row) => ({ runId: row.run_id, flowId: row.flow_id, ...totalsOf(row) }));
  }

  async flowTotals(accountId: string, flowId: string, from: Date, to: Date): Promise<TokenTotals> {
    const [row] = await this.dataSource.query<TotalsRow[]>(
      `SELECT ${TOTALS} FROM ai_usage WHERE account_id = $1 AND flow_id = $2 AND created_at >= $3 AND created_at < $4`,
      [accountId, flowId, from, to],
    );
    return totalsOf(row);
  }
}
