/** A saved variable as a person reads it: text as is, anything else as JSON. */
export function answerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
