import { describe, expect, it } from 'vitest';
import { allowedChanges, skippedSummary } from './broadcast-labels';

describe('broadcast labels', () => {
  it('names skip reasons readably', () => {
    expect(skippedSummary({ outside_24h_window: 3, unsubscribed: 1 })).toBe('3 outside the 24-hour window, 1 opted out');
    expect(skippedSummary({})).toBe('none');
  });

  it('offers only the changes the status allows', () => {
    expect(allowedChanges('sending')).toEqual(['pause', 'cancel']);
    expect(allowedChanges('paused')).toEqual(['resume', 'cancel']);
    expect(allowedChanges('completed')).toEqual([]);
  });
});
