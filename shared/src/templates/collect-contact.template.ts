import { TEMPLATE_CARDS } from './template-cards';
import { type FlowTemplate, resolveAnswers, type TemplateQuestions } from './flow-template';
import { emailQuestion, message, TemplateGraph } from './template-graph';

const questions: TemplateQuestions = {
  post: false,
  keywords: ['join'],
  texts: [
    { key: 'emailQuestion', label: 'Question asking for the email', default: "Great! What's your email address?" },
    { key: 'phoneQuestion', label: 'Question asking for the phone number', default: 'And your phone number, with the country code?' },
    { key: 'thanks', label: 'Thank-you message', default: "Thanks! We'll be in touch at {{email}}." },
  ],
};

/** A DM keyword → email question → phone question → tag → thanks. */
export const collectContactTemplate: FlowTemplate = {
  ...TEMPLATE_CARDS.collectContact,
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
      .add('ask_email', 'question', emailQuestion(given.text('emailQuestion')), {
        column: 1,
        title: 'Ask for email',
        terminalPorts: ['invalid'],
      })
      .add(
        'ask_phone',
        'question',
        {
          questionType: 'phone',
          text: given.text('phoneQuestion'),
          variable: 'phone',
          invalidMessage: "That doesn't look like a phone number. Try again?",
        },
        { column: 2, title: 'Ask for phone', terminalPorts: ['invalid'] },
      )
      .add('tag_lead', 'tag', { action: 'add', tags: ['lead'] }, { column: 3, title: 'Tag as lead' })
      .add('thanks', 'send_message', message(given.text('thanks')), { column: 4, title: 'Thank you' })
      .add('end', 'end', {}, { column: 5 })
      .link('trigger', 'next', 'ask_email')
      .link('ask_email', 'answered', 'ask_phone')
      .link('ask_phone', 'answered', 'tag_lead')
      .link('tag_lead', 'next', 'thanks')
      .link('thanks', 'next', 'end')
      .build();
  },
};
