import { Injectable, Type } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { InjectAppConfig } from '../config/config.module';
import { PeriodicTask } from './periodic-task';

const HOUR_MS = 60 * 60 * 1000;
const BATCH = 5_000;

/** A `DELETE` of at most `$2` rows finished before `$1` (the cutoff), returning nothing in particular. */
export interface PruneRule {
  what: string;
  deleteBatch: string;
}

/**
 * Deletes finished rows older than RETENTION_DAYS, hourly, in small batches so no statement holds locks
 * for long. Each module lists its tables' rules (see `retentionPruner`); rows still in use (pending, retrying)
 * never match them.
 */
export class RetentionPruner extends PeriodicTask {
  constructor(
    name: string,
    private readonly dataSource: DataSource,
    private readonly rules: PruneRule[],
    private readonly config: Pick<AppConfig, 'retentionDays'>,
  ) {
    super(name, HOUR_MS);
  }

  protected runOnce(): Promise<number> {
    return this.prune(new Date(Date.now() - this.config.retentionDays * 24 * HOUR_MS));
  }

  /** Deletes what finished before `cutoff`; returns how many rows went. */
  async prune(cutoff: Date): Promise<number> {
    let total = 0;
    for (const rule of this.rules) {
      for (;;) {
        const [, deleted] = await this.dataSource.query<[unknown, number]>(rule.deleteBatch, [cutoff, BATCH]);
        total += deleted;
        if (deleted < BATCH) break;
      }
    }
    return total;
  }
}

/** A pruner provider for a module: `providers: [retentionPruner('inbox retention', rules)]`. */
export function retentionPruner(name: string, rules: PruneRule[]): Type<RetentionPruner> {
  @Injectable()
  class ModuleRetentionPruner extends RetentionPruner {
    constructor(@InjectDataSource() dataSource: DataSource, @InjectAppConfig() config: Pick<AppConfig, 'retentionDays'>) {
      super(name, dataSource, rules, config);
    }
  }
  return ModuleRetentionPruner;
}
