import { collectContactTemplate } from './collect-contact.template';
import { dmKeywordFaqTemplate } from './dm-keyword-faq.template';
import { followGiveawayTemplate } from './follow-giveaway.template';
import type { FlowTemplate } from './flow-template';
import { leadMagnetTemplate } from './lead-magnet.template';
import { storyReplyTemplate } from './story-reply.template';

/** The starting points offered for a new flow, in the order the gallery shows them. */
export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
  leadMagnetTemplate,
  followGiveawayTemplate,
  storyReplyTemplate,
  dmKeywordFaqTemplate,
  collectContactTemplate,
];

export function flowTemplate(id: string): FlowTemplate | undefined {
  return FLOW_TEMPLATES.find((template) => template.id === id);
}

export * from './flow-template';
