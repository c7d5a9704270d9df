export const BLOCK_TYPES = [
  'trigger',
  'send_message',
  'question',
  'condition',
  'delay',
  'randomizer',
  'follow_gate',
  'tag',
  'set_variable',
  'ai_reply',
  'ai_router',
  'http_request',
  'subscription',
  'moderate_comment',
  'handover',
  'notify_team',
  'start_flow',
  'end',
] as const;

export type BlockType = (typeof BLOCK_TYPES)[number];

export function isBlockType(value: string): value is BlockType {
  return (BLOCK_TYPES as readonly string[]).includes(value);
}
