import { type BlockContentProps, Chips, Meta, Preview } from '../block-content-parts';
import { readList, readText } from '../config-readers';

export function SendMessageContent({ config }: BlockContentProps) {
  const kind = readText(config, 'kind');
  const buttons = readList(config, 'buttons').map((button) => readText(button, 'title'));
  const quickReplies = readList(config, 'quickReplies').map((reply) => readText(reply, 'title'));
  const cards = readList(config, 'cards');
  return (
    <>
      {kind === 'text' || kind === 'buttons' ? (
        <Preview empty="Write the message">{readText(config, 'text')}</Preview>
      ) : kind === 'carousel' ? (
        <Meta>Carousel · {cards.length} card{cards.length === 1 ? '' : 's'}</Meta>
      ) : (
        <Preview empty={`Add the ${kind} URL`}>{readText(config, 'mediaUrl') && `${kind}: ${readText(config, 'mediaUrl')}`}</Preview>
      )}
      {kind === 'buttons' && <Chips items={buttons} />}
      <Chips items={quickReplies} />
    </>
  );
}
