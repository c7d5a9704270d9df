/** Block configs arrive as JSON; these read a field defensively so a half-filled block still renders. */
export function readText(config: Record<string, unknown>, key: string): string {
  const value = config[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function readList(config: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = config[key];
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object') : [];
}

export function readStrings(config: Record<string, unknown>, key: string): string[] {
  const value = config[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
