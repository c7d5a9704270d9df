import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../core/config/config';
import { InjectAppConfig } from '../../../core/config/config.module';
import { FlowVersionsService } from '../../flows/flow-versions.service';
import { EffectDispatcher } from '../effect-dispatcher';
import { RunStarter } from '../run-starter';
import { EffectFailure, type EffectExecution, type EffectHandler, type EffectRecord } from './effect-handler';

/**
 * "Start another flow": starts the target flow's published version for the run's contact in the transaction that
 * marks the effect done, so a crash either keeps both undone (the effect is executed again) or both done — the next
 * run is never lost nor started twice. The new run counts the hand-overs in a row; past RUN_MAX_HANDOVERS, or when the
 * target is no longer published, the effect is refused and the handing-over run fails with the reason.
 */
@Injectable()
export class StartFlowHandler implements EffectHandler<'start_flow'> {
  readonly type = 'start_flow' as const;
  readonly outbound = false;

  constructor(
    private readonly starter: RunStarter,
    private readonly versions: FlowVersionsService,
    private readonly dispatcher: EffectDispatcher,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'limits'>,
  ) {}

  execute({ effect, run, afterCommit }: EffectExecution<'start_flow'>): Promise<EffectRecord> {
    return Promise.resolve(async (manager) => {
      const context = run.snapshot.context;
      const handovers = (context.handovers ?? 0) + 1;
      const limit = this.config.limits.runMaxHandovers;
      if (handovers > limit) {
        throw new EffectFailure(
          `run_handover_limit: this contact's runs have already handed over ${handovers - 1} times in a row; at most ${limit} are allowed (RUN_MAX_HANDOVERS); do flows start each other in a loop?`,
          false,
        );
      }
      const [target] = await this.versions.publishedFlows(run.accountId, [effect.flowId], manager);
      if (!target)
        throw new EffectFailure(`flow_not_published: the flow ${effect.flowId} to start is not published, or was deleted`, false);
      const { outcome, effectsPending } = await this.starter.startWithin(manager, {
        flowVersionId: target.publishedVersionId,
        contactId: run.contactId,
        trigger: { ...run.trigger, kind: 'started_by_flow', fromRunId: run.id },
        handover: { count: handovers, variables: effect.variables, conversation: context.conversation, lastMessage: context.lastMessage },
      });
      if (effectsPending) afterCommit(() => this.dispatcher.dispatch(outcome.runId));
      return {
        flow_id: target.id,
        flow_name: target.name,
        run_id: outcome.runId,
        started: outcome.started,
        ...(outcome.started ? { handovers } : { reason: outcome.reason }),
      };
    });
  }
}
