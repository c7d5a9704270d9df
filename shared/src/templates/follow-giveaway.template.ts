import { TEMPLATE_CARDS } from './template-cards';
import { type FlowTemplate, resolveAnswers, type TemplateQuestions } from './flow-template';
import { message, postSettings, TemplateGraph } from './template-graph';

const questions: TemplateQuestions = {
  post: true,
  keywords: ['win'],
  texts: [
    {
      key: 'publicReply',
      label: 'Public replies under the comment',
      perLine: true,
      default: 'Check your DMs to enter!\nSent you the entry link in DM!',
    },
    {
      key: 'openingDm',
      label: 'First DM (sent as the private reply)',
      default: 'Thanks for joining the giveaway! Tap the button to confirm your entry.',
    },
    { key: 'buttonLabel', label: 'Button', default: 'Enter giveaway' },
    {
      key: 'entered',
      label: 'When they follow you',
      default: "You're in! Good luck, @{{contact.username}}. We'll announce the winner soon.",
    },
    {
      key: 'notFollowing',
      label: "When they don't follow you yet",
      default: 'Almost there: follow us, then comment on the post again to enter.',
    },
  ],
};

/**
 * Comment → DM with a button → follow check → entered (tagged) or asked to follow. Instagram reveals whether someone
 * follows the account only once they have messaged it, so the check runs after they tap the DM's button.
 */
export const followGiveawayTemplate: FlowTemplate = {
  ...TEMPLATE_CARDS.followGiveaway,
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
        'question',
        {
          questionType: 'choice',
          text: given.text('openingDm'),
          variable: 'giveaway_entry',
          choices: [
            { id: 'enter', title: given.text('buttonLabel'), payload: 'GIVEAWAY_ENTER' },
            { id: 'later', title: 'Not now', payload: 'GIVEAWAY_LATER' },
          ],
        },
        { column: 1, title: 'Opening DM', terminalPorts: ['invalid', 'choice:later'] },
      )
      .add('check_follow', 'follow_gate', { whenUnknown: 'not_following' }, { column: 2, title: 'Follows us?' })
      .add('tag_entrant', 'tag', { action: 'add', tags: ['giveaway-entrant'] }, { column: 3, title: 'Tag entrant' })
      .add('entered', 'send_message', message(given.text('entered')), { column: 4, title: 'Entered' })
      .add('not_following', 'send_message', message(given.text('notFollowing')), { column: 3, row: 1, title: 'Asked to follow' })
      .add('end', 'end', {}, { column: 5 })
      .link('trigger', 'next', 'opening_dm')
      .link('opening_dm', 'choice:enter', 'check_follow')
      .link('check_follow', 'follows', 'tag_entrant')
      .link('check_follow', 'not_following', 'not_following')
      .link('tag_entrant', 'next', 'entered')
      .link('entered', 'next', 'end')
      .link('not_following', 'next', 'end')
      .build();
  },
};
