import { PassThrough, Readable } from 'node:stream';
import { CliUsageError } from './cli-args';
import { parseBatchLine, runBatch } from './batch';

async function batch(lines: string, run: (argv: string[]) => Promise<unknown>) {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const failed = await runBatch(Readable.from([lines]), output, run, (error) => ({
    code: error instanceof CliUsageError ? 'usage' : 'internal_error',
    message: (error as Error).message,
  }));
  return {
    failed,
    outcomes: printed
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line)),
  };
}

describe('CLI batch mode', () => {
  it('runs each line in order, prints one outcome per line, and goes on after a failure', async () => {
    const ran: string[][] = [];
    const { failed, outcomes } = await batch('["account:show","--account","a1"]\n\n["boom"]\r\n["key:list","--account","a1"]\n', (argv) => {
      ran.push(argv);
      return argv[0] === 'boom' ? Promise.reject(new Error('it broke')) : Promise.resolve({ command: argv[0] });
    });
    expect(ran).toEqual([['account:show', '--account', 'a1'], ['boom'], ['key:list', '--account', 'a1']]);
    expect(outcomes).toEqual([
      { line: 1, ok: true, result: { command: 'account:show' } },
      { line: 3, ok: false, error: { code: 'internal_error', message: 'it broke' } },
      { line: 4, ok: true, result: { command: 'key:list' } },
    ]);
    expect(failed).toBe(1);
  });

  it('refuses a line that is not a JSON array of strings, with a usage error naming the format', async () => {
    const { failed, outcomes } = await batch('account:show --account a1\n[]\n["key:list",2]\n', () => Promise.resolve('never'));
    expect(failed).toBe(3);
    expect(outcomes.map((outcome) => outcome.error.code)).toEqual(['usage', 'usage', 'usage']);
    expect(() => parseBatchLine('{"command":"x"}')).toThrow(/JSON array of strings/);
  });
});
