import { triggerSummary } from '@dmflow/shared';
import { type BlockContentProps, Meta, Preview } from '../block-content-parts';
import { readText } from '../config-readers';

export function TriggerContent({ config }: BlockContentProps) {
  const summary = triggerSummary({ schemaVersion: 2, nodes: [{ id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { config } }], edges: [] });
  const publicReply = readText(config, 'publicReply');
  return (
    <>
      <Preview empty="Choose what starts the flow">{summary}</Preview>
      {publicReply && <Meta>Public reply: {publicReply}</Meta>}
      {config.oncePerUser === true && <Meta>Once per person</Meta>}
    </>
  );
}
