import { normalizeText, words } from '../util/normalize-text';
import type { AiAnswer, AiTask } from './ai-task';

/** Words short enough to match everywhere ("the", "and") say nothing about an intent. */
const meaningfulWords = (text: string) => words(text).filter((word) => word.length >= 4);

/**
 * Knowledge lines written `keyword, other keyword: answer` are looked up by keyword; a line without a colon is
 * looked up by its words.
 */
function localReply(message: string, knowledge: string, maxChars: number): AiAnswer {
  const text = ` ${normalizeText(message)} `;
  for (const line of knowledge.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const keywords = line.slice(0, colon).split(',').map(normalizeText).filter(Boolean);
    const answer = line.slice(colon + 1).trim();
    if (answer && keywords.some((keyword) => text.includes(keyword)))
      return { kind: 'reply', text: answer.slice(0, maxChars), handover: false };
  }
  return { kind: 'reply', text: '', handover: true };
}

function localRoute(message: string, task: Extract<AiTask, { kind: 'route' }>): AiAnswer {
  const said = new Set(meaningfulWords(message));
  const scored = task.intents
    .map((intent) => ({ intent, score: meaningfulWords(`${intent.name} ${intent.description}`).filter((word) => said.has(word)).length }))
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score === 0) return { kind: 'route', intent: null, confidence: 0 };
  return { kind: 'route', intent: best.intent.id, confidence: scored[1]?.score === best.score ? 0.5 : 0.8 };
}

function localExtract(message: string, valueType: string): AiAnswer {
  const spoken = message.replace(/\s+(?:at|\(at\)|\[at\])\s+/gi, '@').replace(/\s+(?:dot|\(dot\)|\[dot\])\s+/gi, '.');
  const patterns: Record<string, RegExp> = {
    email: /[^\s@]+@[^\s@]+\.[^\s@]{2,}/,
    phone: /\+?\d[\d\s().-]{6,}\d/,
    number: /[-+]?\d+(?:[.,]\d+)?/,
  };
  const pattern = patterns[valueType];
  if (!pattern) return { kind: 'extract', value: message.trim() || null };
  const found = (valueType === 'email' ? spoken : message).match(pattern)?.[0];
  return { kind: 'extract', value: found ? found.replace(/[.,;!?]+$/, '') : null };
}

/**
 * The offline provider used when a workspace configures no model: deterministic keyword and pattern matching,
 * so flows and previews behave the same without network or cost.
 */
export function localAiAnswer(task: AiTask): AiAnswer {
  switch (task.kind) {
    case 'reply':
      return localReply(task.message, task.knowledge, task.maxChars);
    case 'route':
      return localRoute(task.message, task);
    case 'extract':
      return localExtract(task.message, task.valueType);
  }
}
