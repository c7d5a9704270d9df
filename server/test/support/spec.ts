// Specs run on Node's test runner (see scripts/run-specs.mjs) with Jest's `expect` for assertions.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

export { expect } from 'expect';
export { after as afterAll, afterEach, before as beforeAll, beforeEach, describe, it };

/** A table test: one `it` per row, named by `name(row)`. */
export function cases<Row extends readonly unknown[]>(rows: readonly Row[], name: (...row: Row) => string, test: (...row: Row) => void | Promise<void>): void {
  for (const row of rows) it(name(...row), async () => {
    await test(...row);
  });
}
