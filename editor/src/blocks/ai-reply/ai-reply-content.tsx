import { type BlockContentProps, Meta, Preview } from '../block-content-parts';

export function AiReplyContent({ config }: BlockContentProps<'ai_reply'>) {
  return (
    <>
      <Preview empty="Describe how to answer">{config.instructions}</Preview>
      <Meta>
        {config.provider || 'local'} · {config.knowledge.length} answers
      </Meta>
    </>
  );
}
