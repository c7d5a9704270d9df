import { type FailureRule, type GraphSandbox, GraphSandboxClient, startGraphSandbox } from '@dmflow/sandbox';

/** The sandbox Graph API (@dmflow/sandbox) as server specs drive it: the one fake of Meta, the same as the e2e suites'. */
export interface SpecGraphSandbox extends GraphSandbox {
  fail(rule: FailureRule): Promise<void>;
}

/** Starts the sandbox in this process; failure injection goes through its HTTP control API (POST /_sandbox/failures). */
export async function startGraphSandboxForSpecs(): Promise<SpecGraphSandbox> {
  const sandbox = await startGraphSandbox();
  const control = new GraphSandboxClient(sandbox.url);
  return Object.assign(sandbox, { fail: (rule: FailureRule) => control.fail(rule) });
}
