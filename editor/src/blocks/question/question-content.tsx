import { blockDefinition } from '@dmflow/shared';
import { type BlockContentProps, Chips, Meta, Preview } from '../block-content-parts';

/** The catalogue's readable name of an answer type ("Date (in the account’s locale)"), lower-cased for the meta line. */
function answerTypeLabel(questionType: string): string {
  const field = blockDefinition('question').fields.find((candidate) => candidate.name === 'questionType');
  return (field?.options?.find((option) => option.value === questionType)?.label ?? questionType).toLowerCase();
}

export function QuestionContent({ config }: BlockContentProps<'question'>) {
  const { questionType, variable } = config;
  return (
    <>
      <Preview empty="Write the question">{config.text}</Preview>
      {questionType === 'choice' && <Chips items={config.choices.map((choice) => choice.title)} />}
      <Meta>
        {answerTypeLabel(questionType || 'text')} answer → {variable ? `{{${variable}}}` : 'no variable'}
      </Meta>
    </>
  );
}
