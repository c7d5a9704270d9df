import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows. TypeORM's pg driver answers UPDATE/DELETE (even with RETURNING) as `[rows, rowCount]`
 * and everything else as `rows`; this hides the difference.
 */
export async function queryRows<Row>(runner: DataSource | EntityManager, sql: string, parameters: unknown[] = []): Promise<Row[]> {
  const result: unknown = await runner.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as Row[];
  return result as Row[];
}
