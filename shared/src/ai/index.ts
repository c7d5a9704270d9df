export type { AiAnswer, AiChatMessage, AiIntent, AiTask, AiTaskKind } from './ai-task';
export { aiChatMessages, parseAiAnswer, AiAnswerError, AI_HANDOVER_CONFIDENCE } from './ai-prompt';
export { localAiAnswer } from './local-ai';
