import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RunStepView, StepEffectView } from './dto/run.dto';
import { RunEffect } from './entities/run-effect.entity';
import { RunStepRecord } from './entities/run-step-record.entity';

/** A run's step history with the effects each step produced, for GET /v1/runs/:id. */
@Injectable()
export class RunHistory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async stepsOf(runId: string): Promise<RunStepView[]> {
    const [steps, effects] = await Promise.all([
      this.dataSource.manager.find(RunStepRecord, { where: { runId }, order: { ordinal: 'ASC' } }),
      this.dataSource.manager.find(RunEffect, { where: { runId }, order: { id: 'ASC' } }),
    ]);
    const byOrdinal = new Map<number, StepEffectView[]>();
    for (const effect of effects) {
      if (effect.stepOrdinal === null) continue;
      const list = byOrdinal.get(effect.stepOrdinal) ?? [];
      list.push({
        key: effect.effectKey,
        type: effect.effectType,
        status: effect.status,
        attempts: effect.attempts,
        last_error: effect.lastError,
        executed_at: effect.executedAt?.toISOString() ?? null,
      });
      byOrdinal.set(effect.stepOrdinal, list);
    }
    return steps.map((step) => ({
      node_id: step.nodeId,
      node_type: step.nodeType,
      entered_at: step.enteredAt.toISOString(),
      exited_at: step.exitedAt?.toISOString() ?? null,
      exit_port: step.exitPort,
      effects: byOrdinal.get(step.ordinal) ?? [],
    }));
  }
}
