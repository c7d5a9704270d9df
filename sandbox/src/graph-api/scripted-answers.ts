/**
 * A canned answer posted to POST /_sandbox/answers: calls whose path contains `pathContains` (and whose method is
 * `method`, when given) get `status` and `body` instead of the Graph API's answer, with no token asked. It stands in for
 * an endpoint the sandbox does not model, such as the CRM an HTTP-request block posts to.
 */
export interface ScriptedAnswer {
  pathContains: string;
  method?: string;
  status: number;
  body: unknown;
}

export function parseScriptedAnswer(input: unknown): ScriptedAnswer {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('an answer must be a JSON object');
  const answer = input as Record<string, unknown>;
  if (typeof answer.pathContains !== 'string' || !answer.pathContains) throw new Error('pathContains must be a non-empty string');
  if (answer.method !== undefined && typeof answer.method !== 'string') throw new Error('method must be a string');
  const status = answer.status ?? 200;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599)
    throw new Error('status must be an HTTP status from 200 to 599');
  return { pathContains: answer.pathContains, method: answer.method?.toUpperCase(), status, body: answer.body ?? {} };
}

/** The standing answers; the latest one posted for a path wins. */
export class ScriptedAnswers {
  private answers: ScriptedAnswer[] = [];

  add(answer: ScriptedAnswer): void {
    this.answers.unshift(answer);
  }

  clear(): void {
    this.answers = [];
  }

  find(method: string, path: string): ScriptedAnswer | undefined {
    return this.answers.find((answer) => path.includes(answer.pathContains) && (!answer.method || answer.method === method));
  }
}
