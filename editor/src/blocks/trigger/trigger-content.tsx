import { triggerSummary } from '@dmflow/shared';
import { type BlockContentProps, Meta, Preview } from '../block-content-parts';

export function TriggerContent({ config }: BlockContentProps<'trigger'>) {
  const summary = triggerSummary({
    schemaVersion: 2,
    nodes: [{ id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { config } }],
    edges: [],
  });
  return (
    <>
      <Preview empty="Choose what starts the flow">{summary}</Preview>
      {config.publicReply && <Meta>Public reply: {config.publicReply}</Meta>}
      {config.oncePerUser && <Meta>Once per person</Meta>}
    </>
  );
}
