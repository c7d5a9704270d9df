import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import type { Json } from './http';

export const CLI_MAIN = join(
  process.env.DMFLOW_TEST_SERVER_DIST ?? join(dirname(require.resolve('@dmflow/server/package.json')), 'dist'),
  'cli/main.js',
);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json: Json;
}

/** Runs `npm run cli -- ...` (the built CLI) against a server's environment, with `stdin` if given; parses its JSON output. */
export function runCli(env: Record<string, string>, args: string[], stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { env, stdio: 'pipe' });
    child.stdin.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const text = (code === 0 ? stdout : stderr).trim();
      let json: Json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}
