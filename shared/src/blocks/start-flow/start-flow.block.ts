import { IsBoolean, IsString, IsUUID, ValidateIf } from 'class-validator';
import type { BlockDefinition } from '../../kernel/block-definition';
import { flowCompletedPayload } from '../../kernel/webhook-payloads';

export class StartFlowConfig {
  /**
   * The flow whose published version the contact continues in; empty until chosen. The server refuses to publish
   * unless it names a published flow of the same workspace (withStartFlowTargetProblems).
   */
  @IsString()
  @ValidateIf((config: StartFlowConfig) => config.flowId !== '')
  @IsUUID('all', { message: 'choose the flow to start' })
  flowId: string;

  /** Whether the new run starts with this run's variables. */
  @IsBoolean()
  carryVariables: boolean;
}

/**
 * "Start another flow": the run hands over, never nests. It completes here (flow_completed fires as at an End) and a
 * run of the target flow's published version starts for the same contact, in the transaction that records the
 * hand-over, with the variables when the block carries them. Runs count the hand-overs in a row (RUN_MAX_HANDOVERS).
 */
export const startFlowBlock: BlockDefinition<StartFlowConfig> = {
  type: 'start_flow',
  label: 'Start another flow',
  description: 'Ends this flow and continues the conversation in another published flow.',
  icon: 'shuffle',
  category: 'flow',
  configClass: StartFlowConfig,
  defaults: () => Object.assign(new StartFlowConfig(), { flowId: '', carryVariables: true }),
  fields: [
    { name: 'flowId', label: 'Flow to start', kind: 'flow', help: 'Only a published flow can be started.' },
    { name: 'carryVariables', label: 'Carry the variables over', kind: 'boolean' },
  ],
  ports: () => [],
  sendsMessage: false,
  endsRun: true,
  enter: ({ config, context }) => ({
    // The start first: when it is refused (the hand-over limit, an unpublished flow) the run fails and reports no completion.
    effects: [
      { type: 'start_flow', flowId: config.flowId, variables: config.carryVariables ? { ...context.variables } : {} },
      { type: 'emit_event', event: { name: 'flow_completed', payload: flowCompletedPayload(context) } },
    ],
  }),
};
