import { normalizeText } from '../../util/normalize-text';

export interface AiKnowledgeEntry {
  keywords: string[];
  answer: string;
}

export interface AiReplyRequest {
  instructions: string;
  message: string;
  knowledge: AiKnowledgeEntry[];
  fallback: string;
}

/**
 * Providers must be pure and synchronous inside the machine so a preview equals production;
 * a network model would run as an effect whose result comes back as an event.
 */
export interface AiReplyProvider {
  id: string;
  label: string;
  reply(request: AiReplyRequest): string;
}

/** The default provider: answers from the block's own knowledge list by keyword, deterministically. */
export const localAiProvider: AiReplyProvider = {
  id: 'local',
  label: 'Local (keyword knowledge base)',
  reply: ({ message, knowledge, fallback }) => {
    const text = ` ${normalizeText(message)} `;
    const hit = knowledge.find((entry) => entry.keywords.some((keyword) => keyword.trim() && text.includes(normalizeText(keyword))));
    return hit ? hit.answer : fallback;
  },
};

export const AI_PROVIDERS: Record<string, AiReplyProvider> = { [localAiProvider.id]: localAiProvider };
