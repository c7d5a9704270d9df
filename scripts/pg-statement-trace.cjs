// `node --require scripts/pg-statement-trace.cjs server/dist/main.js`: records which statements each Postgres
// transaction of this process sends, for `npm run bench:commits` (test/bench/commits.bench.ts).
// Wraps `pg`'s Client.query: BEGIN/START TRANSACTION opens a transaction on that client, COMMIT/ROLLBACK closes it,
// any other statement outside one is its own (autocommitted) transaction. Recording starts and stops on SIGWINCH
// (not SIGUSR2: Nest's shutdown hooks stop the server on it);
// each stop appends the recorded transactions as JSON lines to DMFLOW_PG_TRACE_FILE.
'use strict';
const { appendFileSync } = require('node:fs');
const { Client } = require('pg');

const file = process.env.DMFLOW_PG_TRACE_FILE;
if (file) {
  let recording = false;
  let finished = [];
  const open = new WeakMap();
  const textOf = (query) => (typeof query === 'string' ? query : (query?.text ?? String(query)));
  const original = Client.prototype.query;

  Client.prototype.query = function tracedQuery(query, ...rest) {
    if (recording) {
      const text = textOf(query).replace(/\s+/g, ' ').trim();
      const keyword = text.slice(0, 20).toUpperCase();
      if (keyword.startsWith('BEGIN') || keyword.startsWith('START TRANSACTION')) {
        open.set(this, { at: Date.now(), statements: [] });
      } else if (keyword.startsWith('COMMIT') || keyword.startsWith('ROLLBACK')) {
        const transaction = open.get(this);
        open.delete(this);
        if (transaction) finished.push({ ...transaction, end: keyword.startsWith('COMMIT') ? 'commit' : 'rollback' });
      } else if (open.has(this)) {
        open.get(this).statements.push(text);
      } else {
        finished.push({ at: Date.now(), statements: [text], end: 'autocommit' });
      }
    }
    return original.call(this, query, ...rest);
  };

  process.on('SIGWINCH', () => {
    recording = !recording;
    if (recording) return;
    appendFileSync(file, finished.map((transaction) => JSON.stringify(transaction)).join('\n') + '\n');
    finished = [];
  });
}
