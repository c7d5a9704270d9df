import { type BlockContentProps, Chips, Meta } from '../block-content-parts';

export function AiRouterContent({ config }: BlockContentProps<'ai_router'>) {
  return (
    <>
      <Chips items={config.intents.map((intent) => intent.name || intent.id)} />
      <Meta>
        Saves {`{{${config.intentVariable}}}`} and {`{{${config.confidenceVariable}}}`}
      </Meta>
    </>
  );
}
