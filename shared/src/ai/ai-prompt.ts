import type { AiAnswer, AiChatMessage, AiTask } from './ai-task';

/** A reply the model is less sure of than this goes to the `handover` exit instead of the person. */
export const AI_HANDOVER_CONFIDENCE = 0.5;

/** The model's answer is not the JSON the task asked for: the block takes its `error` exit. */
export class AiAnswerError extends Error {}

function systemPrompt(task: AiTask): string {
  switch (task.kind) {
    case 'reply':
      return [
        'You answer Instagram direct messages for a business.',
        task.instructions && `Instructions from the business:\n${task.instructions}`,
        task.knowledge && `What you know (answer only from this):\n${task.knowledge}`,
        Object.keys(task.variables).length > 0 && `What we know about the person:\n${JSON.stringify(task.variables)}`,
        `Reply with one JSON object: {"reply": string of at most ${task.maxChars} characters, "handover": boolean, "confidence": number from 0 to 1}.`,
        'Set "handover" to true when the person asks for a human, or when the knowledge does not answer the message.',
      ]
        .filter(Boolean)
        .join('\n\n');
    case 'route':
      return [
        "Classify the person's Instagram message into one of these intents:",
        task.intents.map((intent) => `- ${intent.id}: ${intent.name}${intent.description ? ` (${intent.description})` : ''}`).join('\n'),
        task.instructions,
        'Reply with one JSON object: {"intent": the intent id or "other", "confidence": number from 0 to 1}.',
      ]
        .filter(Boolean)
        .join('\n\n');
    case 'extract':
      return [
        `The person was asked: "${task.question}". Extract the ${task.valueType} they gave, written in its usual form`,
        '(e.g. "jane at example dot com" is jane@example.com).',
        'Reply with one JSON object: {"value": the value as a string, or null when the message holds none}.',
      ].join(' ');
  }
}

/** The chat-completions `messages` for a task: the instructions, the conversation so far, then the person's message. */
export function aiChatMessages(task: AiTask, history: AiChatMessage[] = []): AiChatMessage[] {
  return [{ role: 'system', content: systemPrompt(task) }, ...history, { role: 'user', content: task.message }];
}

function parseJsonObject(content: string): Record<string, unknown> | null {
  // Some models wrap JSON in a ``` fence even when asked for an object.
  const body = content.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const confidenceOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1);

/** Reads the model's message content as the task's answer; throws AiAnswerError when it is not usable. */
export function parseAiAnswer(task: AiTask, content: string): AiAnswer {
  const json = parseJsonObject(content);
  switch (task.kind) {
    case 'reply': {
      // A model that ignores the JSON request still answered: its plain text is the reply.
      if (!json) return { kind: 'reply', text: content.trim().slice(0, task.maxChars), handover: content.trim() === '' };
      const text = typeof json.reply === 'string' ? json.reply.trim().slice(0, task.maxChars) : '';
      const handover = json.handover === true || confidenceOf(json.confidence) < AI_HANDOVER_CONFIDENCE || text === '';
      return { kind: 'reply', text, handover };
    }
    case 'route': {
      if (!json || typeof json.intent !== 'string') throw new AiAnswerError('the model did not name an intent in the JSON asked for');
      const known = task.intents.some((intent) => intent.id === json.intent);
      return { kind: 'route', intent: known ? json.intent : null, confidence: confidenceOf(json.confidence) };
    }
    case 'extract': {
      if (!json || !('value' in json)) throw new AiAnswerError('the model did not give a value in the JSON asked for');
      const value = json.value;
      return { kind: 'extract', value: typeof value === 'string' || typeof value === 'number' ? String(value).trim() : null };
    }
  }
}
