import type { FailureRule } from './failures';
import type { LostResponseRule } from './lost-responses';
import type { RecordedCall } from './graph-api-sandbox';
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

  /** Ends every failure rule (the Graph API answers normally again); what was sent stays. */
  async clearFailures(): Promise<void> {
    await fetch(`${this.url}/_sandbox/failures`, { method: 'DELETE' });
  }

  /** The next `count` matching sends take effect (unless `performed: false`) and their answers are lost. */
  async loseResponses(rule: Partial<LostResponseRule> & Pick<LostResponseRule, 'mode'>): Promise<void> {
    const response = await fetch(`${this.url}/_sandbox/lose-responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(rule),
    });
    if (response.status !== 201) throw new Error(`sandbox refused the lose-responses rule: ${await response.text()}`);
  }

  /** Who wrote a comment, so its private reply shows in that person's conversation. */
  async setCommenter(commentId: string, igUserId: string): Promise<void> {
    const response = await fetch(`${this.url}/_sandbox/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: commentId, from_id: igUserId }),
    });
    if (response.status !== 201) throw new Error(`sandbox refused the comment: ${await response.text()}`);
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

  /** A post of the business account, published at `timestamp` (what GET /<media-id>?fields=timestamp answers). */
  async publishMedia(post: { id: string; timestamp: string; media_product_type?: string }): Promise<void> {
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
