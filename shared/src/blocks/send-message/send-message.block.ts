import { templateValues } from '../../kernel/run-context';
import type { BlockDefinition } from '../../kernel/block-definition';
import { INSTAGRAM_LIMITS } from '../../instagram/outgoing-message';
import { buildMessage } from './build-message';
import { BUTTON_FIELDS, newButton, QUICK_REPLY_FIELDS } from './message-parts';
import { branchesOnReply, checkReplyBranches, replyBranchFor, replyBranchPorts } from './reply-branches';
import { checkSendMessage, MESSAGE_KINDS, SendMessageConfig } from './send-message.config';

export const sendMessageBlock: BlockDefinition<SendMessageConfig> = {
  type: 'send_message',
  label: 'Send message',
  description: 'Sends a DM: text, image, video, audio, buttons or a carousel, with optional quick replies.',
  icon: 'message-circle',
  category: 'messaging',
  configClass: SendMessageConfig,
  defaults: () =>
    Object.assign(new SendMessageConfig(), {
      kind: 'text',
      text: 'Hi {{contact.username}}!',
      buttons: [],
      cards: [],
      quickReplies: [],
      branchOnReply: false,
    }),
  fields: [
    {
      name: 'kind',
      label: 'Message type',
      kind: 'select',
      options: MESSAGE_KINDS.map((value) => ({
        value,
        label: { text: 'Text', image: 'Image', video: 'Video', audio: 'Audio', buttons: 'Text with buttons', carousel: 'Carousel' }[value],
      })),
    },
    {
      name: 'text',
      label: 'Text',
      kind: 'textarea',
      templated: true,
      placeholder: 'e.g. Hi {{contact.username}}! Here is the guide you asked for.',
      maxLength: INSTAGRAM_LIMITS.textBytes,
      visibleWhen: { field: 'kind', equals: ['text', 'buttons'] },
    },
    {
      name: 'mediaUrl',
      label: 'Media URL',
      kind: 'text',
      placeholder: 'https://…',
      visibleWhen: { field: 'kind', equals: ['image', 'video', 'audio'] },
    },
    {
      name: 'buttons',
      label: 'Buttons',
      kind: 'list',
      maxItems: INSTAGRAM_LIMITS.buttons,
      itemFields: BUTTON_FIELDS,
      newItem: newButton,
      visibleWhen: { field: 'kind', equals: ['buttons'] },
    },
    {
      name: 'cards',
      label: 'Cards',
      kind: 'list',
      maxItems: INSTAGRAM_LIMITS.genericElements,
      newItem: () => ({ title: 'Card', buttons: [] }),
      itemFields: [
        { name: 'title', label: 'Title', kind: 'text', maxLength: 80, templated: true },
        { name: 'subtitle', label: 'Subtitle', kind: 'text', maxLength: 80, templated: true },
        { name: 'imageUrl', label: 'Image URL', kind: 'text' },
        { name: 'url', label: 'Link when tapped', kind: 'text' },
        {
          name: 'buttons',
          label: 'Buttons',
          kind: 'list',
          maxItems: INSTAGRAM_LIMITS.buttons,
          itemFields: BUTTON_FIELDS,
          newItem: newButton,
        },
      ],
      visibleWhen: { field: 'kind', equals: ['carousel'] },
    },
    {
      name: 'quickReplies',
      label: 'Quick replies',
      kind: 'list',
      maxItems: INSTAGRAM_LIMITS.quickReplies,
      itemFields: QUICK_REPLY_FIELDS,
      newItem: () => ({ title: 'Yes' }),
      visibleWhen: { field: 'kind', equals: ['text', 'image', 'video', 'audio'] },
    },
    {
      name: 'branchOnReply',
      label: 'Each button leads to its own step',
      kind: 'boolean',
      help: 'Waits for a tap: every button that sends a postback and every quick reply gets its own exit.',
      visibleWhen: { field: 'kind', equals: ['text', 'image', 'video', 'audio', 'buttons'] },
    },
  ],
  ports: (config) => (branchesOnReply(config) ? replyBranchPorts(config) : [{ id: 'next', label: 'Next' }]),
  sendsMessage: true,
  messagingWindow: {
    invitesAnswer: (config) => config.kind === 'buttons' || config.kind === 'carousel' || (config.quickReplies?.length ?? 0) > 0,
    // Only branch exits exist when branching, and each means the person tapped or wrote.
    answeredBy: (port) => port !== 'next',
  },
  awaitsContactInput: branchesOnReply,
  check: (config) => [...checkSendMessage(config), ...checkReplyBranches(config)],
  enter: ({ config, context }) => ({
    ...(branchesOnReply(config) ? {} : { next: 'next' }),
    effects: [{ type: 'send_message', recipient: { id: context.contact.id }, message: buildMessage(config, templateValues(context)) }],
  }),
  onEvent: ({ config, event }) => (branchesOnReply(config) ? replyBranchFor(config, event) : {}),
};
