import { type BlockContentProps, Meta, Preview } from '../block-content-parts';
import { readList, readText } from '../config-readers';

export function AiReplyContent({ config }: BlockContentProps) {
  return (
    <>
      <Preview empty="Describe how to answer">{readText(config, 'instructions')}</Preview>
      <Meta>
        {readText(config, 'provider') || 'local'} · {readList(config, 'knowledge').length} answers
      </Meta>
    </>
  );
}
