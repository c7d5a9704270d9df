import { describe, expect, it } from 'vitest';
import { readBlockConfig } from './read-block-config';

describe('readBlockConfig', () => {
  it('fills missing fields and fields of the wrong kind from the catalogue defaults', () => {
    const config = readBlockConfig('send_message', { text: 'Hello', quickReplies: 'not a list' });
    expect(config).toEqual(expect.objectContaining({ kind: 'text', text: 'Hello', buttons: [], cards: [], quickReplies: [] }));
  });

  it('leaves a cleared number unset instead of showing a default', () => {
    // The other modes' settings come from the defaults (a delay saved before smart delays is a fixed one).
    expect(readBlockConfig('delay', { amount: undefined, unit: 'days' })).toMatchObject({
      mode: 'duration',
      amount: undefined,
      unit: 'days',
    });
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

  it('keeps only strings in a multi-select (the delay’s days)', () => {
    expect(readBlockConfig('delay', { mode: 'window', days: ['mon', 3, null, 'sat'] }).days).toEqual(['mon', 'sat']);
  });

  it('keeps only strings in string lists', () => {
    expect(readBlockConfig('tag', { action: 'remove', tags: ['vip', 3, null, ''] }).tags).toEqual(['vip', '']);
  });
});
