import { type BlockContentProps, Chips, Meta, Preview } from '../block-content-parts';
import { readList, readText } from '../config-readers';

export function QuestionContent({ config }: BlockContentProps) {
  const type = readText(config, 'questionType');
  const variable = readText(config, 'variable');
  return (
    <>
      <Preview empty="Write the question">{readText(config, 'text')}</Preview>
      {type === 'choice' && <Chips items={readList(config, 'choices').map((choice) => readText(choice, 'title'))} />}
      <Meta>
        {type || 'text'} answer → {variable ? `{{${variable}}}` : 'no variable'}
      </Meta>
    </>
  );
}
