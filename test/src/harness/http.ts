// Tests inspect arbitrary JSON bodies; `any` keeps their assertions readable.
export type Json = any;

export async function readJson(response: Response): Promise<Json> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`expected JSON, got status ${response.status}: ${text.slice(0, 500)}`);
  }
}
