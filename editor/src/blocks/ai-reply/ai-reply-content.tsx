import { type BlockContentProps, Meta, Preview } from '../block-content-parts';

export function AiReplyContent({ config }: BlockContentProps<'ai_reply'>) {
  const knowledgeLines = config.knowledge.split('\n').filter((line) => line.trim()).length;
  return (
    <>
      <Preview empty="Describe how to answer">{config.instructions}</Preview>
      <Meta>
        {knowledgeLines} knowledge {knowledgeLines === 1 ? 'line' : 'lines'} · {config.historyMessages} earlier messages · up to{' '}
        {config.maxLength} characters
      </Meta>
    </>
  );
}
