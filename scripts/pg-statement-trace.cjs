// `node --require scripts/pg-statement-trace.cjs server/dist/main.js`: records which statements each Postgres
// transaction of this process sends, for `npm run bench:commits` (test/bench/commits.bench.ts).
// Wraps `pg`'s Client.query: BEGIN/START TRANSACTION opens a transaction on that client, COMMIT/ROLLBACK closes it,
// any other statement outside one is its own (autocommitted) transaction. Recording starts and stops on SIGWINCH
// (not SIGUSR2: Nest's shutdown hooks stop the server on it);
// each stop appends the recorded transactions as JSON lines to DMFLOW_PG_TRACE_FILE, each statement with the
// milliseconds from sending it to its result (`ms`, same order; `endMs`: the COMMIT's; client-observed, so load shows).
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

  /** Sends the query and puts the milliseconds until its result in `ms[index]` (promise or callback style). */
  const timed = (client, ms, index, query, rest) => {
    const started = process.hrtime.bigint();
    const done = () => (ms[index] = Number(process.hrtime.bigint() - started) / 1e6);
    const last = rest.length - 1;
    if (typeof rest[last] === 'function') {
      const callback = rest[last];
      return original.call(client, query, ...rest.slice(0, last), (...args) => (done(), callback(...args)));
    }
    const result = original.call(client, query, ...rest);
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  };

  Client.prototype.query = function tracedQuery(query, ...rest) {
    if (!recording) return original.call(this, query, ...rest);
    const text = textOf(query).replace(/\s+/g, ' ').trim();
    const keyword = text.slice(0, 20).toUpperCase();
    if (keyword.startsWith('BEGIN') || keyword.startsWith('START TRANSACTION')) {
      open.set(this, { at: Date.now(), statements: [], ms: [] });
    } else if (keyword.startsWith('COMMIT') || keyword.startsWith('ROLLBACK')) {
      const transaction = open.get(this);
      open.delete(this);
      if (!transaction) return original.call(this, query, ...rest);
      const closed = { ...transaction, end: keyword.startsWith('COMMIT') ? 'commit' : 'rollback', endMs: [0] };
      finished.push(closed);
      return timed(this, closed.endMs, 0, query, rest);
    } else if (open.has(this)) {
      const transaction = open.get(this);
      transaction.statements.push(text);
      return timed(this, transaction.ms, transaction.statements.length - 1, query, rest);
    } else {
      const transaction = { at: Date.now(), statements: [text], ms: [0], end: 'autocommit' };
      finished.push(transaction);
      return timed(this, transaction.ms, 0, query, rest);
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
