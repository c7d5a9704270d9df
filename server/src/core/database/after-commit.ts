import { Logger } from '@nestjs/common';
import type {
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';

/** Work that must follow a commit: `run` once the transaction commits, `discard` if it (or its savepoint) rolls back. */
export interface AfterCommitTask {
  run: () => unknown;
  discard?: () => void;
}

interface Registered extends AfterCommitTask {
  /** The transaction depth it belongs to: 1 is the transaction itself, more a savepoint inside it. */
  depth: number;
}

const logger = new Logger('database');
const registered = new WeakMap<QueryRunner, Registered[]>();

/**
 * TypeORM broadcasts AfterTransactionCommit after COMMIT and after RELEASE SAVEPOINT alike (and the rollback event after
 * ROLLBACK TO SAVEPOINT): the query runner's depth afterwards tells which. A released savepoint's work belongs to the
 * enclosing level from then on, so a later rollback of that level drops it too.
 */
class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionStart({ queryRunner }: TransactionStartEvent): void {
    // A new transaction on a runner that still holds work: the last one ended without either event (e.g. its ROLLBACK
    // failed on a dead connection), so that work never committed.
    if (depthOf(queryRunner) === 1) discard(take(queryRunner, 0));
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive) {
      for (const task of registered.get(queryRunner) ?? []) task.depth = Math.min(task.depth, depthOf(queryRunner));
      return;
    }
    for (const task of take(queryRunner, 0)) setImmediate(() => runTask(task));
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    discard(take(queryRunner, queryRunner.isTransactionActive ? depthOf(queryRunner) : 0));
  }
}

const subscriber = new AfterCommitSubscriber();

/**
 * Runs `task.run` after the transaction of `manager` commits (not before, not at all if it rolls back: then
 * `task.discard`); at once when `manager` is in no transaction, its statements being committed already. Runs detached:
 * the commit neither waits for it nor sees its errors (logged), and the connection goes back to the pool first.
 * The subscriber installs itself on the manager's DataSource on first use, so every DataSource (the app's, the CLI's, a
 * test's) has it without a provider that could be forgotten.
 */
export function runAfterCommit(manager: EntityManager, task: AfterCommitTask): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    setImmediate(() => runTask(task));
    return;
  }
  if (!manager.connection.subscribers.includes(subscriber)) manager.connection.subscribers.push(subscriber);
  const tasks = registered.get(runner) ?? [];
  tasks.push({ ...task, depth: depthOf(runner) });
  registered.set(runner, tasks);
}

/**
 * TypeORM's own count of open levels (1 in a transaction, more inside savepoints), kept by every query runner; the
 * typings declare it protected. after-commit.integration-spec pins what it reads.
 */
function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth: number }).transactionDepth;
}

/** Removes and returns the work registered deeper than `depth`. */
function take(runner: QueryRunner, depth: number): Registered[] {
  const tasks = registered.get(runner);
  if (!tasks) return [];
  const kept = tasks.filter((task) => task.depth <= depth);
  if (kept.length) registered.set(runner, kept);
  else registered.delete(runner);
  return tasks.filter((task) => task.depth > depth);
}

function discard(tasks: Registered[]): void {
  for (const task of tasks) guarded(() => task.discard?.());
}

function runTask(task: AfterCommitTask): void {
  guarded(() => Promise.resolve(task.run()).catch(report));
}

function guarded(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    report(error);
  }
}

function report(error: unknown): void {
  logger.error({ msg: 'after-commit task failed', error: (error as Error).message });
}
