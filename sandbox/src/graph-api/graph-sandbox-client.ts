import type { FailureRule } from './failures';
import type { RecordedCall } from './graph-api-sandbox';
import type { SandboxMedia } from './graph-api-routes';
import type { ScriptedAnswer } from './scripted-answers';

/** Drives a running sandbox through its HTTP control API (works the same against the docker-compose service). */
export class GraphSandboxClient {
  constructor(private readonly url: string) {}

  async calls(pathContains?: string): Promise<RecordedCall[]> {
    const response = await fetch(`${this.url}/_sandbox/calls`);
    const { calls } = (await response.json()) as { calls: RecordedCall[] };
    return pathContains ? calls.filter((call) => call.path.includes(pathContains)) : calls;
  }

  async fail(rule: FailureRule): Promise<void> {
    const response = await fetch(`${this.url}/_sandbox/failures`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(rule),
    });
    if (response.status !== 201) throw new Error(`sandbox refused the failure rule: ${await response.text()}`);
  }

  /** What GET /<igsid> answers for this person (username, is_user_follow_business). */
  async setProfile(profile: { id: string; username?: string; is_user_follow_business?: boolean }): Promise<void> {
    const response = await fetch(`${this.url}/_sandbox/profiles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(profile),
    });
    if (response.status !== 201) throw new Error(`sandbox refused the profile: ${await response.text()}`);
  }

  /**
   * A post of the business account, published at `timestamp` (what GET /<media-id>?fields=timestamp answers); with
   * `owner_id` it is also listed by GET /<owner_id>/media, with its caption and pictures.
   */
  async publishMedia(post: { id: string } & SandboxMedia): Promise<void> {
    const response = await fetch(`${this.url}/_sandbox/media`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(post),
    });
    if (response.status !== 201) throw new Error(`sandbox refused the post: ${await response.text()}`);
  }

  /** A canned answer for calls whose path contains `pathContains`, e.g. a CRM an HTTP-request block posts to. */
  async answer(answer: ScriptedAnswer): Promise<void> {
    const response = await fetch(`${this.url}/_sandbox/answers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(answer),
    });
    if (response.status !== 201) throw new Error(`sandbox refused the answer: ${await response.text()}`);
  }

  async reset(): Promise<void> {
    await fetch(`${this.url}/_sandbox/reset`, { method: 'POST' });
  }
}
