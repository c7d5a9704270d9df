/** Events a run reacts to. `at` is when it happened (ISO-8601): the machine's only clock. */
import type { AiAnswer } from '../ai/ai-task';
import type { MessageAttachment } from '../instagram/inbound-event';

export type RunEvent =
  | { type: 'contact.message'; text: string; quickReplyPayload?: string; mid?: string; attachments?: MessageAttachment[]; at: string }
  | { type: 'contact.postback'; payload: string; title?: string; at: string }
  | { type: 'timer.fired'; timerId: string; at: string }
  | { type: 'http.responded'; effectKey: string; status: number; body: unknown; at: string }
  | { type: 'http.failed'; effectKey: string; error: string; at: string }
  /** `followsBusiness` is null when the profile could not be read. */
  | { type: 'profile.fetched'; effectKey: string; followsBusiness: boolean | null; at: string }
  /** A person resumed automation after a hand-over and chose to continue the flow. */
  | { type: 'automation.resumed'; at: string }
  | { type: 'ai.answered'; effectKey: string; answer: AiAnswer; at: string }
  /** The model could not be reached or gave no usable answer after its retries. */
  | { type: 'ai.failed'; effectKey: string; error: string; at: string };

export type RunEventType = RunEvent['type'];

export function isContactEvent(event: RunEvent): event is Extract<RunEvent, { type: 'contact.message' | 'contact.postback' }> {
  return event.type === 'contact.message' || event.type === 'contact.postback';
}
