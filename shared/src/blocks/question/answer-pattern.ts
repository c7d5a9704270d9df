import { RE2JS, RE2JSSyntaxException } from 're2js';

/**
 * Authors' patterns run against what any Instagram user sends, so they run on RE2 (linear time, no backtracking):
 * `^(a+)+$` cannot freeze the process. RE2 has no backreferences or lookaround; such patterns are refused at save.
 */
export function compileAnswerPattern(pattern: string): RE2JS {
  return RE2JS.compile(pattern);
}

/** Why RE2 cannot run a pattern, or undefined when it can. */
export function answerPatternProblem(pattern: string): string | undefined {
  try {
    compileAnswerPattern(pattern);
    return undefined;
  } catch (error) {
    const reason =
      error instanceof RE2JSSyntaxException ? `${error.error}: \`${error.input}\`` : error instanceof Error ? error.message : String(error);
    return `not a regular expression this engine can run (RE2 syntax, without backreferences or lookaround): ${reason}`;
  }
}

/** Whether the answer contains a match; a pattern saved before RE2 that it cannot run matches nothing. */
export function answerMatches(pattern: string, answer: string): boolean {
  try {
    return compileAnswerPattern(pattern).test(answer);
  } catch {
    return false;
  }
}
