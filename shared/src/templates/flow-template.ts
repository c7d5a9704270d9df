import type { FlowGraph } from '../flow/flow-graph';

/** Which posts a comment trigger listens to: one post, any post, or the next one published. */
export type PostChoice = { scope: 'any' } | { scope: 'next' } | { scope: 'specific'; mediaId: string };

/** A text the wizard asks for; left empty, the template's own default is used. */
export interface TemplateText {
  key: string;
  label: string;
  default: string;
  /** One entry per line (public reply variants): each comment gets one of them. */
  perLine?: boolean;
  help?: string;
}

/** What the wizard asks: only what differs from one campaign to the next. */
export interface TemplateQuestions {
  /** Asks which post (the post picker). */
  post: boolean;
  /** Asks for keywords, with these as the default when none are typed. */
  keywords: string[] | null;
  texts: TemplateText[];
}

export interface TemplateAnswers {
  post?: PostChoice;
  keywords?: string[];
  /** By TemplateText.key; a missing or blank answer takes the default. */
  texts?: Record<string, string>;
}

export interface FlowTemplate {
  id: string;
  name: string;
  description: string;
  /** What the template cannot do, said plainly in the gallery (e.g. Instagram gives no follow check before a DM). */
  caveat?: string;
  questions: TemplateQuestions;
  build(answers: TemplateAnswers): FlowGraph;
}

/** The answers with every default filled in, as the builders read them. */
export function resolveAnswers(questions: TemplateQuestions, answers: TemplateAnswers) {
  const texts: Record<string, string> = {};
  const lines: Record<string, string[]> = {};
  for (const text of questions.texts) {
    const typed = answers.texts?.[text.key] ?? '';
    const given = typed.trim() ? typed : text.default;
    texts[text.key] = given.trim();
    lines[text.key] = given
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  }
  const keywords = (answers.keywords ?? []).map((keyword) => keyword.trim()).filter(Boolean);
  return {
    post: answers.post ?? { scope: 'any' as const },
    keywords: keywords.length ? keywords : (questions.keywords ?? []),
    text: (key: string) => texts[key] ?? '',
    lines: (key: string) => lines[key] ?? [],
  };
}

/** Splits typed keywords on commas and new lines, keeping the spaces inside each one ("free guide, ebook" → two). */
export function parseKeywords(typed: string): string[] {
  return typed
    .split(/[,\n]/)
    .map((keyword) => keyword.trim().replace(/\s+/g, ' '))
    .filter((keyword, index, all) => keyword !== '' && all.indexOf(keyword) === index);
}
