import { collectContactTemplate } from './collect-contact.template';
import { dmKeywordFaqTemplate } from './dm-keyword-faq.template';
import { followGiveawayTemplate } from './follow-giveaway.template';
import type { FlowTemplate } from './flow-template';
import { leadMagnetTemplate } from './lead-magnet.template';
import { storyReplyTemplate } from './story-reply.template';
import { GALLERY_CARDS, type TemplateCard } from './template-cards';

const BY_ID = new Map(
  [leadMagnetTemplate, followGiveawayTemplate, storyReplyTemplate, dmKeywordFaqTemplate, collectContactTemplate].map((template) => [
    template.id,
    template,
  ]),
);

/** The starting points offered for a new flow, in the gallery's order. */
export const FLOW_TEMPLATES: readonly FlowTemplate[] = GALLERY_CARDS.map((card) => BY_ID.get(card.id) as FlowTemplate);

export function flowTemplate(id: string): FlowTemplate | undefined {
  return FLOW_TEMPLATES.find((template) => template.id === id);
}

/** The template a gallery card stands for (cards and templates are one list, so a card always has one). */
export function templateOfCard(card: TemplateCard): FlowTemplate {
  const template = flowTemplate(card.id);
  if (!template) throw new Error(`no template ${card.id}`);
  return template;
}

export * from './flow-template';
export * from './template-cards';
