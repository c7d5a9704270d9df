import { flowCompletedPayload } from '../../kernel/webhook-payloads';
import type { BlockDefinition } from '../../kernel/block-definition';

export class EndConfig {}

export const endBlock: BlockDefinition<EndConfig> = {
  type: 'end',
  label: 'End',
  description: 'Completes the flow and sends the flow_completed event with every collected variable and the tags.',
  icon: 'flag',
  category: 'flow',
  configClass: EndConfig,
  defaults: () => new EndConfig(),
  fields: [],
  ports: () => [],
  sendsMessage: false,
  endsRun: true,
  enter: ({ context }) => ({
    effects: [{ type: 'emit_event', event: { name: 'flow_completed', payload: flowCompletedPayload(context) } }],
  }),
};
