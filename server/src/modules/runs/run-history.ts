import { Injectable } from '@nestjs/common';
import { RunRecordsService } from '../engine/run-records.service';
import type { RunRecord } from '../engine/run-records.service';
import { type HandedOverView, type RunDetailView, type RunStepView, RunView, type StepEffectView } from './dto/run.dto';

/** A run's step history with the effects each step produced, for GET /v1/runs/:id. */
@Injectable()
export class RunHistory {
  constructor(private readonly records: RunRecordsService) {}

  /** The run as GET /v1/runs/:id shows it: its fields and its step history. */
  async detail(run: RunRecord): Promise<RunDetailView> {
    return { ...RunView.of(run), steps: await this.stepsOf(run.id) };
  }

  async stepsOf(runId: string): Promise<RunStepView[]> {
    const { steps, effects } = await this.records.historyOf(runId);
    const byOrdinal = new Map<number, StepEffectView[]>();
    const handovers = new Map<number, HandedOverView>();
    for (const effect of effects) {
      if (effect.stepOrdinal === null) continue;
      if (effect.effectType === 'start_flow' && effect.status === 'done' && effect.result) {
        const { flow_id, flow_name, run_id, started } = effect.result as unknown as HandedOverView;
        handovers.set(effect.stepOrdinal, { flow_id, flow_name, run_id, started });
      }
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
      ...(step.nodeType === 'start_flow' ? { handed_over_to: handovers.get(step.ordinal) ?? null } : {}),
    }));
  }
}
