import { TEMPLATE_CARDS } from './template-cards';
import { type FlowTemplate, resolveAnswers, type TemplateQuestions } from './flow-template';
import { message, TemplateGraph } from './template-graph';

const questions: TemplateQuestions = {
  post: false,
  keywords: null,
  texts: [
    {
      key: 'reply',
      label: 'DM sent to whoever replies to a story',
      default: 'Thanks for replying to our story, {{contact.username}}! What can we help you with?',
    },
  ],
};

/** Any reply to any story → a DM back. */
export const storyReplyTemplate: FlowTemplate = {
  ...TEMPLATE_CARDS.storyReply,
  questions,
  build(answers) {
    const given = resolveAnswers(questions, answers);
    return new TemplateGraph()
      .add(
        'trigger',
        'trigger',
        { source: 'story_reply', storyScope: 'any', keywordMatch: 'every', keywords: [] },
        { column: 0, title: 'Story reply' },
      )
      .add('reply', 'send_message', message(given.text('reply')), { column: 1, title: 'Reply' })
      .add('end', 'end', {}, { column: 2 })
      .link('trigger', 'next', 'reply')
      .link('reply', 'next', 'end')
      .build();
  },
};
