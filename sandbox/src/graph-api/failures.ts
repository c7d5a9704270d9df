import { FAILURE_KINDS, FailureKind } from './meta-errors';

/** A failure rule posted to POST /_sandbox/failures. */
export interface FailureRule {
  /** Only calls whose path contains this (e.g. "/messages", "/replies", a comment id). */
  pathContains?: string;
  /** The Meta error to answer; omitted = answer normally (useful with latencyMs alone). */
  error?: FailureKind;
  /** Fail the next N matching calls, then stop. */
  count?: number;
  /** Fail this fraction (0..1) of matching calls, for as long as the rule stands. */
  ratio?: number;
  /** Delay every matching call by this many ms. */
  latencyMs?: number;
}

export interface FailureDecision {
  error: FailureKind | null;
  latencyMs: number;
}

export function parseFailureRule(input: unknown): FailureRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('a failure rule must be a JSON object');
  const rule = input as Record<string, unknown>;
  const optionalNumber = (name: string, min: number, max: number): number | undefined => {
    const value = rule[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      throw new Error(`${name} must be a number from ${min} to ${max}`);
    return value;
  };
  if (rule.error !== undefined && !(FAILURE_KINDS as readonly unknown[]).includes(rule.error))
    throw new Error(`error must be one of ${FAILURE_KINDS.join(', ')}`);
  if (rule.pathContains !== undefined && typeof rule.pathContains !== 'string') throw new Error('pathContains must be a string');
  return {
    pathContains: rule.pathContains,
    error: rule.error as FailureKind | undefined,
    count: optionalNumber('count', 1, 1_000_000),
    ratio: optionalNumber('ratio', 0, 1),
    latencyMs: optionalNumber('latencyMs', 0, 120_000),
  };
}

/** The standing failure rules; each call consumes from the first rules that match it. */
export class FailurePlan {
  private rules: Array<FailureRule & { remaining?: number }> = [];

  add(rule: FailureRule): void {
    this.rules.push({ ...rule, remaining: rule.count });
  }

  list(): FailureRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  clear(): void {
    this.rules = [];
  }

  decide(path: string, random = Math.random): FailureDecision {
    let latencyMs = 0;
    let error: FailureKind | null = null;
    for (const rule of this.rules) {
      if (rule.pathContains && !path.includes(rule.pathContains)) continue;
      latencyMs = Math.max(latencyMs, rule.latencyMs ?? 0);
      if (error || !rule.error) continue;
      if (rule.remaining !== undefined) {
        if (rule.remaining <= 0) continue;
        rule.remaining -= 1;
        error = rule.error;
      } else if (rule.ratio !== undefined ? random() < rule.ratio : true) {
        error = rule.error;
      }
    }
    this.rules = this.rules.filter((rule) => rule.remaining === undefined || rule.remaining > 0 || rule.latencyMs);
    return { error, latencyMs };
  }
}
