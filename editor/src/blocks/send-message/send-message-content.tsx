import { type BlockContentProps, Chips, Meta, Preview } from '../block-content-parts';

export function SendMessageContent({ config }: BlockContentProps<'send_message'>) {
  const { kind, cards } = config;
  return (
    <>
      {kind === 'text' || kind === 'buttons' ? (
        <Preview empty="Write the message">{config.text}</Preview>
      ) : kind === 'carousel' ? (
        <Meta>
          Carousel · {cards.length} card{cards.length === 1 ? '' : 's'}
        </Meta>
      ) : (
        <Preview empty={`Add the ${kind} URL`}>{config.mediaUrl && `${kind}: ${config.mediaUrl}`}</Preview>
      )}
      {kind === 'buttons' && <Chips items={config.buttons.map((button) => button.title)} />}
      <Chips items={config.quickReplies.map((reply) => reply.title)} />
    </>
  );
}
