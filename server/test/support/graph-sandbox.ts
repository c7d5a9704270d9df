import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** What server specs use of the sandbox Graph API (test/src/sandbox), the one allowed fake of Meta. */
export interface GraphSandboxHandle {
  graphUrl: string;
  calls(): Array<{ path: string; status: number; body: { recipient?: unknown; message?: unknown }; response: Record<string, unknown>; at: string }>;
  reset(): void;
  close(): Promise<void>;
}

interface SandboxModule {
  startGraphSandbox(): Promise<GraphSandboxHandle>;
}

const REPO_ROOT = join(__dirname, '../../..');

/**
 * Builds and starts the sandbox from test/src/sandbox, so server specs talk to the same fake as the e2e suites.
 * Failure injection goes through its HTTP control API (POST /_sandbox/failures).
 */
export async function startGraphSandboxForSpecs(): Promise<GraphSandboxHandle & { fail(rule: Record<string, unknown>): Promise<void> }> {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(REPO_ROOT, 'test/tsconfig.sandbox.json')], { stdio: 'inherit' });
  const sandboxModule = require(join(REPO_ROOT, 'test/dist-sandbox/graph-api/graph-api-sandbox.js')) as SandboxModule;
  const sandbox = await sandboxModule.startGraphSandbox();
  const controlUrl = sandbox.graphUrl.replace(/\/v[\d.]+$/, '');
  return Object.assign(sandbox, {
    fail: async (rule: Record<string, unknown>) => {
      const response = await fetch(`${controlUrl}/_sandbox/failures`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rule) });
      if (response.status !== 201) throw new Error(`sandbox refused ${JSON.stringify(rule)}: ${await response.text()}`);
    },
  });
}
