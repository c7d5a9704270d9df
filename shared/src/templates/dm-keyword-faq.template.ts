import { TEMPLATE_CARDS } from './template-cards';
import { type FlowTemplate, resolveAnswers, type TemplateQuestions } from './flow-template';
import { message, TemplateGraph } from './template-graph';

const questions: TemplateQuestions = {
  post: false,
  keywords: ['price', 'prices'],
  texts: [{ key: 'answer', label: 'Answer', default: 'Our plans start at $9 a month. Reply here if you have any other question!' }],
};

/** A DM containing a keyword → the answer to that frequently asked question. */
export const dmKeywordFaqTemplate: FlowTemplate = {
  ...TEMPLATE_CARDS.dmKeywordFaq,
  questions,
  build(answers) {
    const given = resolveAnswers(questions, answers);
    return new TemplateGraph()
      .add(
        'trigger',
        'trigger',
        { source: 'dm_keyword', keywordMatch: 'any', keywords: given.keywords },
        { column: 0, title: 'DM keyword' },
      )
      .add('answer', 'send_message', message(given.text('answer')), { column: 1, title: 'Answer' })
      .add('end', 'end', {}, { column: 2 })
      .link('trigger', 'next', 'answer')
      .link('answer', 'next', 'end')
      .build();
  },
};
