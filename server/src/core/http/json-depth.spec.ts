import { jsonNestingExceeds } from './json-depth';

const nested = (depth: number) => Buffer.from(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);

describe('jsonNestingExceeds', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonNestingExceeds(nested(63), 64)).toBe(false);
    expect(jsonNestingExceeds(nested(64), 64)).toBe(true);
    expect(jsonNestingExceeds(Buffer.from(JSON.stringify({ text: '[[[[[[[[[[{{{{{{{{{"\\\\' })), 3)).toBe(false);
    expect(jsonNestingExceeds(Buffer.from('[{"a":[{"b":1}]}]'), 3)).toBe(true);
  });

  it('scans 40 KB of brackets quickly and without recursion', () => {
    expect(jsonNestingExceeds(nested(20_000), 64)).toBe(true);
  });
});
