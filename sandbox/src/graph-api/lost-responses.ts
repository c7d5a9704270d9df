/**
 * How a send's answer is lost (POST /_sandbox/lose-responses):
 * - `drop`: the connection is destroyed without an answer (a crash, a reset);
 * - `bad_gateway`: a proxy's bare 502 (no Meta error envelope, so nobody can tell whether Meta acted);
 * - `timeout`: no answer ever comes; the connection stays open until the caller gives up.
 */
export const LOST_RESPONSE_MODES = ['drop', 'bad_gateway', 'timeout'] as const;
export type LostResponseMode = (typeof LOST_RESPONSE_MODES)[number];

export interface LostResponseRule {
  mode: LostResponseMode;
  /** Lose the answers of the next N matching sends (POST …/messages and POST …/replies). */
  count: number;
  /** Only sends whose path contains this. */
  pathContains?: string;
  /** Whether the send takes effect before its answer is lost (default true); false = lost on the way to Meta. */
  performed?: boolean;
}

const SEND_PATH = /\/(messages|replies)$/;

export function parseLostResponseRule(input: unknown): LostResponseRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('a lose-responses rule must be a JSON object');
  const rule = input as Record<string, unknown>;
  const mode = rule.mode ?? 'drop';
  if (!(LOST_RESPONSE_MODES as readonly unknown[]).includes(mode)) throw new Error(`mode must be one of ${LOST_RESPONSE_MODES.join(', ')}`);
  const count = rule.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1_000_000)
    throw new Error('count must be an integer from 1 to 1000000');
  if (rule.pathContains !== undefined && typeof rule.pathContains !== 'string') throw new Error('pathContains must be a string');
  if (rule.performed !== undefined && typeof rule.performed !== 'boolean') throw new Error('performed must be a boolean');
  return { mode: mode as LostResponseMode, count, pathContains: rule.pathContains, performed: rule.performed ?? true };
}

/** The standing lose-responses rules; each matching send consumes one from the first rule that matches it. */
export class LostResponsePlan {
  private rules: Array<LostResponseRule & { remaining: number }> = [];

  add(rule: LostResponseRule): void {
    this.rules.push({ ...rule, remaining: rule.count });
  }

  list(): Array<LostResponseRule & { remaining: number }> {
    return this.rules.map((rule) => ({ ...rule }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule that loses this call's answer, if any (only sends: a POST to …/messages or …/replies). */
  take(method: string, path: string): LostResponseRule | null {
    if (method !== 'POST' || !SEND_PATH.test(path)) return null;
    const rule = this.rules.find(
      (candidate) => candidate.remaining > 0 && (!candidate.pathContains || path.includes(candidate.pathContains)),
    );
    if (!rule) return null;
    rule.remaining -= 1;
    this.rules = this.rules.filter((candidate) => candidate.remaining > 0);
    return rule;
  }
}
