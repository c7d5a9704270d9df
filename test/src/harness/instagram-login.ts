import type { GraphSandboxClient } from '@dmflow/sandbox';
import { readJson } from './http';

export interface StartedInstagramLogin {
  authorizeUrl: string;
  /** The `Cookie` header the browser would send back to the callback (the HttpOnly login cookie). */
  cookie: string;
}

/** "Connect Instagram" as the editor does it: POST /v1/instagram-accounts/oauth/start with an API key. */
export async function startInstagramLogin(serverUrl: string, apiKey: string): Promise<StartedInstagramLogin> {
  const response = await fetch(`${serverUrl}/v1/instagram-accounts/oauth/start`, { method: 'POST', headers: { 'x-api-key': apiKey } });
  if (response.status !== 201) throw new Error(`oauth/start answered ${response.status}: ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { authorizeUrl: (await readJson(response)).authorize_url, cookie: setCookie.split(';')[0] };
}

/** Follows Instagram's redirect back to the server's callback; returns where the server sends the browser next. */
export async function followInstagramCallback(callbackUrl: string, cookie: string | null): Promise<URL> {
  const response = await fetch(callbackUrl, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`the callback answered ${response.status}: ${await response.text()}`);
  return new URL(location, callbackUrl);
}

/** The whole dance for one test business: start, log in on the sandbox's authorize page, come back. */
export async function connectInstagramThroughLogin(
  serverUrl: string,
  apiKey: string,
  graph: GraphSandboxClient,
  userId: string,
): Promise<URL> {
  const login = await startInstagramLogin(serverUrl, apiKey);
  return followInstagramCallback(await graph.logInAsTestBusiness(login.authorizeUrl, { userId }), login.cookie);
}
