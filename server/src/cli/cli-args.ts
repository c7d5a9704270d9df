export interface ParsedArgs {
  command: string | undefined;
  options: Record<string, string>;
}

/** `account:create --name "Shop" --plan trendsetter` → { command: 'account:create', options: { name: 'Shop', plan: 'trendsetter' } }. */
export function parseArgs(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (!token.startsWith('--')) throw new CliUsageError(`unexpected argument "${token}"`);
    const [name, inline] = token.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) {
      options[name] = inline;
    } else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) {
      options[name] = rest[++i];
    } else {
      options[name] = 'true';
    }
  }
  return { command, options };
}

export class CliUsageError extends Error {}

export function requireOption(options: Record<string, string>, name: string): string {
  const value = options[name];
  if (!value || value === 'true') throw new CliUsageError(`--${name} is required`);
  return value;
}
