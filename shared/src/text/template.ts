const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

export type TemplateValues = Record<string, unknown>;

/** Own properties only: `{{constructor}}` or `{{toString}}` must not reach a DM as inherited code. */
function lookup(values: TemplateValues, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Replaces `{{name}}` / `{{contact.username}}` placeholders; unknown names render as empty text. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = lookup(values, path);
    switch (typeof value) {
      case 'undefined':
        return '';
      case 'object':
        return value === null ? '' : JSON.stringify(value);
      case 'string':
        return value;
      case 'number':
      case 'boolean':
      case 'bigint':
      case 'symbol':
      case 'function':
        return String(value);
    }
  });
}

export function templateVariables(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]);
}
