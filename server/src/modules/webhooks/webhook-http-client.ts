import { ENV } from '../../core/config/config';
import { checkUrlAddress, sendOutboundRequest } from '../../core/http/outbound/outbound-request';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** We read at most this much of a receiver's answer, and keep a short snippet of it in the log. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
export const RESPONSE_SNIPPET_CHARS = 1024;

export interface PostResult {
  statusCode: number | null;
  latencyMs: number;
  responseSnippet: string | null;
  error: string | null;
}

/** Checked when an endpoint is saved; the connection is checked again at every delivery. */
export function checkWebhookUrl(url: URL, allowPrivate: boolean): Promise<void> {
  return checkUrlAddress(url, allowPrivate, ENV.webhooksAllowPrivateUrls);
}

/** One POST: never follows redirects, gives up after DELIVERY_TIMEOUT_MS, refuses private addresses unless allowed. */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<PostResult> {
  const response = await sendOutboundRequest({
    url,
    method: 'POST',
    headers,
    body,
    timeoutMs: DELIVERY_TIMEOUT_MS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    allowPrivate,
    allowPrivateSetting: ENV.webhooksAllowPrivateUrls,
  });
  return {
    statusCode: response.statusCode,
    latencyMs: response.latencyMs,
    responseSnippet: response.body?.slice(0, RESPONSE_SNIPPET_CHARS) || null,
    error: response.error,
  };
}
