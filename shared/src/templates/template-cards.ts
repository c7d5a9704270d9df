/** What the gallery shows of a template: light enough to load with the flow list, where the templates themselves
 * build their flows with the whole block catalogue (loaded only once one is picked). */
export interface TemplateCard {
  id: string;
  name: string;
  description: string;
  /** What the template cannot do, said plainly in the gallery (e.g. Instagram gives no follow check before a DM). */
  caveat?: string;
}

export const TEMPLATE_CARDS = {
  leadMagnet: {
    id: 'lead-magnet',
    name: 'Comment-to-DM lead magnet',
    description:
      'People comment a keyword on your post; they get a public reply and a DM with a button, then leave their email for the guide.',
  },
  followGiveaway: {
    id: 'follow-giveaway',
    name: 'Follow-gated giveaway',
    description: 'Commenters get a DM; after they tap its button, followers are entered and tagged, others are asked to follow first.',
    caveat:
      "Instagram says whether someone follows you only after they message you, so the check runs when they tap the DM's button. Someone who follows later has to comment again.",
  },
  storyReply: {
    id: 'story-reply',
    name: 'Story reply auto-DM',
    description: 'Everyone who replies to one of your stories gets a DM back right away.',
  },
  dmKeywordFaq: {
    id: 'dm-keyword-faq',
    name: 'DM keyword FAQ',
    description: 'When a DM mentions a keyword (say "price"), answer it instantly.',
  },
  collectContact: {
    id: 'collect-email-phone',
    name: 'Collect email + phone',
    description: 'Someone DMs a keyword; you ask for their email and phone number, tag them as a lead and thank them.',
  },
} satisfies Record<string, TemplateCard>;

/** The starting points offered for a new flow, in the order the gallery shows them. */
export const GALLERY_CARDS: readonly TemplateCard[] = [
  TEMPLATE_CARDS.leadMagnet,
  TEMPLATE_CARDS.followGiveaway,
  TEMPLATE_CARDS.storyReply,
  TEMPLATE_CARDS.dmKeywordFaq,
  TEMPLATE_CARDS.collectContact,
];
