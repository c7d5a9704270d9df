import type { VariableValue } from '../kernel/run-context';

/** One of an AI router's intents: the model reads the name and description, the flow follows `intent:<id>`. */
export interface AiIntent {
  id: string;
  name: string;
  description: string;
}

/**
 * What a block asks of the workspace's model, as data on an `ai_complete` effect. The server turns it into a
 * chat-completions request (or answers it with the local provider); the answer comes back as an `ai.answered` event.
 */
export type AiTask =
  | {
      kind: 'reply';
      instructions: string;
      knowledge: string;
      message: string;
      /** How many earlier messages of the conversation the server adds as context. */
      historyMessages: number;
      /** The variables the author lets the model read. */
      variables: Record<string, VariableValue>;
      maxChars: number;
    }
  | { kind: 'route'; instructions: string; message: string; intents: AiIntent[] }
  | { kind: 'extract'; message: string; question: string; valueType: string };

export type AiTaskKind = AiTask['kind'];

/** The model's answer, read from its JSON; `intent: null` is "other". */
export type AiAnswer =
  | { kind: 'reply'; text: string; handover: boolean }
  | { kind: 'route'; intent: string | null; confidence: number }
  | { kind: 'extract'; value: string | null };

export interface AiChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}
