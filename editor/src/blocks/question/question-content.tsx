import { type BlockContentProps, Chips, Meta, Preview } from '../block-content-parts';

export function QuestionContent({ config }: BlockContentProps<'question'>) {
  const { questionType, variable } = config;
  return (
    <>
      <Preview empty="Write the question">{config.text}</Preview>
      {questionType === 'choice' && <Chips items={config.choices.map((choice) => choice.title)} />}
      <Meta>
        {questionType || 'text'} answer → {variable ? `{{${variable}}}` : 'no variable'}
      </Meta>
    </>
  );
}
