import { type FailureRule, type GraphSandbox, GraphSandboxClient, type ScriptedAnswer, startGraphSandbox } from '@dmflow/sandbox';

/** The sandbox Graph API (@dmflow/sandbox) as server specs drive it: the one fake of Meta, the same as the e2e suites'. */
export interface SpecGraphSandbox extends GraphSandbox {
  fail(rule: FailureRule): Promise<void>;
  /** What GET /<igsid> answers for this person (username, is_user_follow_business). */
  setProfile(profile: { id: string; username?: string; is_user_follow_business?: boolean }): Promise<void>;
  /** A canned answer for calls whose path contains `pathContains`, e.g. a CRM an HTTP-request block posts to. */
  answer(answer: ScriptedAnswer): Promise<void>;
}

/** Starts the sandbox in this process; specs drive it through its HTTP control API, as the e2e suites do. */
export async function startGraphSandboxForSpecs(): Promise<SpecGraphSandbox> {
  const sandbox = await startGraphSandbox();
  const control = new GraphSandboxClient(sandbox.url);
  return Object.assign(sandbox, {
    fail: (rule: FailureRule) => control.fail(rule),
    setProfile: (profile: { id: string; username?: string; is_user_follow_business?: boolean }) => control.setProfile(profile),
    answer: (answer: ScriptedAnswer) => control.answer(answer),
  });
}
