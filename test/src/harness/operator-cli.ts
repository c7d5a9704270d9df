import { startGraphSandbox, type GraphSandbox } from '@dmflow/sandbox';
import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CLI_MAIN, type CliResult } from './cli-process';

/**
 * The operator's CLI for fixtures: one long-lived `cli batch` process per environment (per suite, as Jest reloads
 * this module for each file) instead of one CLI process per command. Each CLI start costs 1.5–2 CPU-seconds, and the
 * suites made a few hundred of them — about a fifth of the e2e run's CPU on a 2-core machine. The commands and their
 * output are the CLI's own; the suites that test the CLI as a program (exit codes, printed JSON) use `runCli`.
 */
class OperatorBatch {
  private readonly child: ChildProcess;
  private readonly waiting: Array<{ resolve: (result: CliResult) => void; reject: (error: Error) => void }> = [];
  private stderr = '';
  private exited = false;

  constructor(env: Record<string, string>, onExit: () => void) {
    this.child = spawn(process.execPath, [CLI_MAIN, 'batch'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.answer(line));
    this.child.on('exit', (code) => {
      this.exited = true;
      onExit();
      for (const waiter of this.waiting.splice(0))
        waiter.reject(new Error(`cli batch exited (code ${code}) with a command pending: ${this.stderr.trim()}`));
    });
  }

  run(args: string[]): Promise<CliResult> {
    if (this.exited) return Promise.reject(new Error(`cli batch has exited: ${this.stderr.trim()}`));
    return new Promise((resolve, reject) => {
      if (!this.waiting.length) this.holdProcess(true);
      this.waiting.push({ resolve, reject });
      this.child.stdin!.write(`${JSON.stringify(args)}\n`);
    });
  }

  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin!.end();
    });
  }

  /** An idle batch does not keep the process alive (benches end without closing it); a pending command does. */
  private holdProcess(hold: boolean): void {
    for (const handle of [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as Array<{ ref(): void; unref(): void }>)
      if (hold) handle.ref();
      else handle.unref();
  }

  /** Outcomes come back one line each, in the order the commands were written. */
  private answer(line: string): void {
    const waiter = this.waiting.shift();
    if (!waiter) return;
    if (!this.waiting.length) this.holdProcess(false);
    const outcome = JSON.parse(line) as { ok: boolean; result?: CliResult['json']; error?: { code: string; message: string } };
    waiter.resolve(
      outcome.ok
        ? { code: 0, stdout: `${JSON.stringify(outcome.result, null, 2)}\n`, stderr: '', json: outcome.result ?? null }
        : { code: 1, stdout: '', stderr: `${JSON.stringify({ error: outcome.error })}\n`, json: { error: outcome.error ?? null } },
    );
  }
}

const batches = new Map<string, OperatorBatch>();
let operatorSandbox: Promise<GraphSandbox> | undefined;

function environmentKey(env: Record<string, string>): string {
  return JSON.stringify(Object.entries(env).sort(([a], [b]) => a.localeCompare(b)));
}

/** Runs one CLI command as the operator, in this environment's batch process; the same result as `runCli`. */
export function runOperator(env: Record<string, string>, args: string[]): Promise<CliResult> {
  const key = environmentKey(env);
  let batch = batches.get(key);
  if (!batch) {
    const started: OperatorBatch = new OperatorBatch(env, () => {
      if (batches.get(key) === started) batches.delete(key);
    });
    batches.set(key, started);
    batch = started;
  }
  return batch.run(args);
}

/**
 * A Graph sandbox of the operator's own, where fixtures register the businesses whose tokens they connect: GET /me
 * answers for them without the calls showing up in (or depending on) the suite's own sandbox.
 */
export function operatorGraphSandbox(): Promise<GraphSandbox> {
  operatorSandbox ??= startGraphSandbox().then((sandbox) => {
    sandbox.unref();
    return sandbox;
  });
  return operatorSandbox;
}

/** Ends the suite's batch processes and the operator's sandbox (registered for every suite in jest.config.js). */
export async function closeOperators(): Promise<void> {
  const open = [...batches.values()];
  batches.clear();
  await Promise.all(open.map((batch) => batch.close()));
  const sandbox = operatorSandbox;
  operatorSandbox = undefined;
  if (sandbox) await (await sandbox).close();
}
