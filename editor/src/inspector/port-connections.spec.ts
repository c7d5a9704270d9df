import { describe, expect, it } from 'vitest';
import { newBlockNode } from '../store/new-node';
import { targetLabels } from './port-connections';

describe('the Exits choices', () => {
  it('name blocks as the canvas does, never by id, numbering blocks that share a name from left to right', () => {
    const second = { ...newBlockNode('send_message', { x: 600, y: 0 }), id: 'send_message_bbbbbbbbbb' };
    const first = { ...newBlockNode('send_message', { x: 200, y: 0 }), id: 'send_message_aaaaaaaaaa' };
    const named = { ...newBlockNode('question', { x: 400, y: 0 }), id: 'question_79f932bc89' };
    named.data.title = 'Ask for email';
    const labels = targetLabels([second, named, first]);
    expect(Object.fromEntries(labels)).toEqual({
      send_message_aaaaaaaaaa: 'Send message 1',
      question_79f932bc89: 'Ask for email',
      send_message_bbbbbbbbbb: 'Send message 2',
    });
  });
});
