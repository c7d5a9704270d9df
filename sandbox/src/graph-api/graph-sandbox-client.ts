import type { FailureRule } from './failures';
import type { LostResponseRule } from './lost-responses';
import type { RecordedCall } from './graph-api-sandbox';
import type { SandboxMedia } from './graph-api-routes';
import type { ScriptedAnswer } from './scripted-answers';
import type { TestBusinessView } from '../instagram-login/instagram-login-control';
import type { TestBusinessInput } from '../instagram-login/instagram-logins';

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

  /** Whether the post's owner hid or deleted a comment (through POST /{comment-id}?hide=…, DELETE /{comment-id}). */
  async commentState(commentId: string): Promise<{ hidden: boolean; deleted: boolean }> {
    const response = await fetch(`${this.url}/_sandbox/comments/${encodeURIComponent(commentId)}`);
    return (await response.json()) as { hidden: boolean; deleted: boolean };
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

  /** A test business to log in as on the authorize page; its long-lived token (given or made up) answers /me for it. */
  async registerInstagramUser(input: TestBusinessInput = {}): Promise<TestBusinessView & { access_token: string }> {
    const response = await fetch(`${this.url}/_sandbox/instagram-users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    if (response.status !== 201) throw new Error(`sandbox refused the test business: ${await response.text()}`);
    return (await response.json()) as TestBusinessView & { access_token: string };
  }

  /** The test businesses with the webhook fields each subscribed the app to. */
  async instagramUsers(): Promise<TestBusinessView[]> {
    const response = await fetch(`${this.url}/_sandbox/instagram-users`);
    return ((await response.json()) as { data: TestBusinessView[] }).data;
  }

  /** From now on Meta refuses every token of this business (code 190), as after a password change. */
  async revokeInstagramTokens(userId: string): Promise<void> {
    const response = await fetch(`${this.url}/_sandbox/instagram-users/${encodeURIComponent(userId)}/revoke-tokens`, { method: 'POST' });
    if (response.status !== 200) throw new Error(`sandbox refused to revoke: ${await response.text()}`);
  }

  /**
   * What a browser does on the authorize page: opens it, then presses "Log in as test business" (or "Not now") for
   * `userId`. Returns where Instagram sends the browser back to (the app's redirect URI with code and state).
   */
  async logInAsTestBusiness(authorizeUrl: string, options: { userId?: string; deny?: boolean } = {}): Promise<string> {
    const pageResponse = await fetch(authorizeUrl);
    if (pageResponse.status !== 200) throw new Error(`the authorize page answered ${pageResponse.status}: ${await pageResponse.text()}`);
    const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
    form.set('decision', options.deny ? 'deny' : 'allow');
    if (options.userId) form.set('user_id', options.userId);
    const submitted = await fetch(`${this.url}/oauth/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      redirect: 'manual',
    });
    const location = submitted.headers.get('location');
    if (submitted.status !== 302 || !location)
      throw new Error(`the authorize form answered ${submitted.status}: ${await submitted.text()}`);
    return location;
  }

  async reset(): Promise<void> {
    await fetch(`${this.url}/_sandbox/reset`, { method: 'POST' });
  }
}
