import { createInterface } from 'node:readline';
import { CliUsageError } from './cli-args';

/** One command's outcome in `batch` mode: one JSON line each, in the order the commands came. */
export type BatchOutcome =
  { line: number; ok: true; result: unknown } | { line: number; ok: false; error: { code: string; message: string } };

/** A batch line is a JSON array of the arguments one command line would take: `["key:create","--account","…"]`. */
export function parseBatchLine(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliUsageError('a batch line must be a JSON array of strings, e.g. ["account:show","--account","<id>"]');
  }
  if (!Array.isArray(parsed) || !parsed.length || !parsed.every((arg) => typeof arg === 'string'))
    throw new CliUsageError('a batch line must be a non-empty JSON array of strings, e.g. ["account:show","--account","<id>"]');
  return parsed;
}

/**
 * `batch`: commands from stdin, one JSON array per line, run one after another in this one process (starting the CLI
 * costs a second or two of CPU; provisioning many workspaces should not pay it each time). Each outcome is printed as
 * one JSON line as soon as its command ends, and a failed command does not stop the ones after it. Resolves to the
 * number of failed commands.
 */
export async function runBatch(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  run: (argv: string[]) => Promise<unknown>,
  describe: (error: unknown) => { code: string; message: string },
): Promise<number> {
  let line = 0;
  let failed = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    let outcome: BatchOutcome;
    try {
      outcome = { line, ok: true, result: await run(parseBatchLine(text)) };
    } catch (error) {
      failed++;
      outcome = { line, ok: false, error: describe(error) };
    }
    output.write(`${JSON.stringify(outcome)}\n`);
  }
  return failed;
}
