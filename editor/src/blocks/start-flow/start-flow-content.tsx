import { type BlockContentProps, Preview } from '../block-content-parts';

export function StartFlowContent({ config }: BlockContentProps<'start_flow'>) {
  return (
    <Preview empty="Choose the flow to start">
      {config.flowId ? `Continues in another flow${config.carryVariables ? ', variables carried over' : ''}` : ''}
    </Preview>
  );
}
