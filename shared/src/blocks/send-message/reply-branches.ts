import type { PortDefinition, StepResult } from '../../kernel/block-definition';
import type { RunEvent } from '../../kernel/run-events';
import type { SendMessageConfig } from './send-message.config';

/** The port taken when the person writes something instead of tapping a button or quick reply. */
export const OTHER_REPLY_PORT = 'other';

const buttonPort = (index: number) => `button:${index}`;
const quickReplyPort = (index: number) => `reply:${index}`;

/** Whether the message waits for a tap and follows the tapped button's or quick reply's own exit. */
export function branchesOnReply(config: SendMessageConfig): boolean {
  return config.branchOnReply === true;
}

/** Buttons that send a postback (links open a page and tell the flow nothing), with their position in the message. */
function postbackButtons(config: SendMessageConfig) {
  return config.kind === 'buttons'
    ? config.buttons.flatMap((button, index) => (button.type === 'postback' ? [{ button, index }] : []))
    : [];
}

function quickReplies(config: SendMessageConfig) {
  return config.kind === 'buttons' || config.kind === 'carousel' ? [] : config.quickReplies.map((reply, index) => ({ reply, index }));
}

/** One exit per postback button and quick reply, plus one for anything else the person writes. */
export function replyBranchPorts(config: SendMessageConfig): PortDefinition[] {
  return [
    ...postbackButtons(config).map(({ button, index }) => ({
      id: buttonPort(index),
      label: `Tapped “${button.title}”`,
      answer: 'answered' as const,
    })),
    ...quickReplies(config).map(({ reply, index }) => ({
      id: quickReplyPort(index),
      label: `Tapped “${reply.title}”`,
      answer: 'answered' as const,
    })),
    { id: OTHER_REPLY_PORT, label: 'Wrote something else', answer: 'answered' },
  ];
}

/** The exit a tap or message takes; a tap whose payload no button of this message sends counts as "something else". */
export function replyBranchFor(config: SendMessageConfig, event: RunEvent): StepResult {
  if (event.type === 'contact.postback') {
    const tapped = postbackButtons(config).find(({ button }) => button.payload === event.payload);
    return { next: tapped ? buttonPort(tapped.index) : OTHER_REPLY_PORT };
  }
  if (event.type === 'contact.message') {
    const payload = event.quickReplyPayload;
    const tapped = payload === undefined ? undefined : quickReplies(config).find(({ reply }) => (reply.payload || reply.title) === payload);
    return { next: tapped ? quickReplyPort(tapped.index) : OTHER_REPLY_PORT };
  }
  return {};
}

/** Branching needs something to tap, and taps told apart by their payloads. */
export function checkReplyBranches(config: SendMessageConfig): string[] {
  if (!branchesOnReply(config)) return [];
  const payloads = [
    ...postbackButtons(config).map(({ button }) => button.payload ?? ''),
    ...quickReplies(config).map(({ reply }) => reply.payload || reply.title),
  ];
  if (payloads.length === 0) return ['branchOnReply: add a button that sends a postback, or a quick reply, to branch on'];
  const repeated = payloads.find((payload, index) => payloads.indexOf(payload) !== index);
  return repeated === undefined ? [] : [`branchOnReply: two buttons or quick replies send “${repeated}”; give each its own payload`];
}
