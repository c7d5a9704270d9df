import { TEMPLATE_CARDS } from './template-cards';
import { type FlowTemplate, resolveAnswers, type TemplateQuestions } from './flow-template';
import { emailQuestion, message, postSettings, TemplateGraph } from './template-graph';

const questions: TemplateQuestions = {
  post: true,
  keywords: ['guide'],
  texts: [
    {
      key: 'publicReply',
      label: 'Public replies under the comment',
      perLine: true,
      help: 'One per line; each comment gets one of them, so your replies do not all read the same.',
      default:
        'Sent you a DM, @{{contact.username}}!\nCheck your inbox, @{{contact.username}}!\nJust sent it over, take a look at your DMs.',
    },
    {
      key: 'openingDm',
      label: 'First DM (sent as the private reply)',
      default: "Hi {{contact.username}}! Here's the free guide you asked for. Tap the button and I'll send it over.",
    },
    { key: 'buttonLabel', label: 'Button', default: 'Send it to me' },
    { key: 'emailQuestion', label: 'Question asking for the email', default: 'Where should I send it? Reply with your email address.' },
    { key: 'thanks', label: 'Thank-you message', default: 'Thanks! The guide is on its way to {{email}}.' },
  ],
};

/** Comment a keyword → public reply + private-reply DM with a button → email question → tag → thanks. */
export const leadMagnetTemplate: FlowTemplate = {
  ...TEMPLATE_CARDS.leadMagnet,
  questions,
  build(answers) {
    const given = resolveAnswers(questions, answers);
    const [publicReply, ...publicReplyVariants] = given.lines('publicReply');
    return new TemplateGraph()
      .add(
        'trigger',
        'trigger',
        { source: 'comment', ...postSettings(given.post), keywordMatch: 'any', keywords: given.keywords, publicReply, publicReplyVariants },
        { column: 0, title: 'Comment with keyword' },
      )
      .add(
        'opening_dm',
        'send_message',
        message(given.text('openingDm'), {
          kind: 'buttons',
          buttons: [{ type: 'postback', title: given.text('buttonLabel'), payload: 'LEAD_MAGNET_SEND' }],
        }),
        { column: 1, title: 'Opening DM' },
      )
      .add('ask_email', 'question', emailQuestion(given.text('emailQuestion')), {
        column: 2,
        title: 'Ask for email',
        terminalPorts: ['invalid'],
      })
      .add('tag_lead', 'tag', { action: 'add', tags: ['lead-magnet'] }, { column: 3, title: 'Tag as lead' })
      .add('thanks', 'send_message', message(given.text('thanks')), { column: 4, title: 'Thank you' })
      .add('end', 'end', {}, { column: 5 })
      .link('trigger', 'next', 'opening_dm')
      .link('opening_dm', 'next', 'ask_email')
      .link('ask_email', 'answered', 'tag_lead')
      .link('tag_lead', 'next', 'thanks')
      .link('thanks', 'next', 'end')
      .build();
  },
};
