import { readJson, type Json } from './http';

export interface ActionApiResponse {
  status: number;
  headers: Headers;
  body: Json;
}

/** POST /api-webhook with a JSON body (or a raw string body, sent as given). */
export async function postAction(
  serverUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
  options: { raw?: boolean } = {},
): Promise<ActionApiResponse> {
  const response = await fetch(`${serverUrl}/api-webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: options.raw ? (body as string) : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await readJson(response) };
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
