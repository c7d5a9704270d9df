import { describe, expect, it } from 'vitest';
import { readBlockConfig } from './read-block-config';

describe('readBlockConfig', () => {
  it('fills missing fields and fields of the wrong kind from the catalogue defaults', () => {
    const config = readBlockConfig('send_message', { text: 'Hello', quickReplies: 'not a list' });
    expect(config).toEqual(expect.objectContaining({ kind: 'text', text: 'Hello', buttons: [], cards: [], quickReplies: [] }));
  });

  it('leaves a cleared number unset instead of showing a default', () => {
    expect(readBlockConfig('delay', { amount: undefined, unit: 'days' })).toEqual({ amount: undefined, unit: 'days' });
    expect(readBlockConfig('delay', { amount: 0, unit: 'days' }).amount).toBe(0);
  });

  it('fills list items from the field’s new item, and keeps optional fields that are plain data', () => {
    const config = readBlockConfig('condition', { match: 'any', rules: [{ subject: 'tag', name: 'vip' }, 'junk'] });
    expect(config.rules).toEqual([{ subject: 'tag', name: 'vip', operator: 'equals', value: '' }]);
    expect(readBlockConfig('trigger', { publicReply: 'Check your DMs', mediaId: { nested: true } })).toEqual(
      expect.objectContaining({ publicReply: 'Check your DMs', source: 'comment', keywords: ['info'], oncePerUser: false }),
    );
    expect(readBlockConfig('trigger', { mediaId: { nested: true } })).not.toHaveProperty('mediaId');
  });

  it('keeps only strings in string lists', () => {
    expect(readBlockConfig('tag', { action: 'remove', tags: ['vip', 3, null, ''] }).tags).toEqual(['vip', '']);
  });
});
